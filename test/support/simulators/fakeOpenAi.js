'use strict';
// An OpenAI-compatible chat model on loopback that plays a script: each turn
// (counted by the tool answers already in the conversation) either calls one of
// the offered tools with fixed arguments or gives the final answer. It records
// every request, so tests can read the tools offered, the arguments sent and the
// tool answers the agent passed back. Streams (SSE) when asked to.
const http = require('node:http');

/**
 * @typedef {{ tool: RegExp, args: Record<string, unknown> } | { answer: string }} Step
 * @param {Step[]} script
 */
function createFakeOpenAi(script) {
	/** @type {any[]} */
	const requests = [];
	/** @type {any[]} */
	const responses = [];
	let callCounter = 0;

	function reply(body) {
		const messages = body.messages ?? [];
		const turn = messages.filter((message) => message.role === 'tool').length;
		const step = script[Math.min(turn, script.length - 1)];
		const tools = (body.tools ?? []).map((tool) => tool.function?.name ?? tool.name);
		if ('answer' in step) return { content: step.answer };
		const name = tools.find((candidate) => step.tool.test(candidate));
		if (!name) return { content: `No tool matches ${step.tool} among ${tools.join(', ')}` };
		callCounter += 1;
		return {
			content: null,
			tool_calls: [
				{
					id: `call_${callCounter}`,
					type: 'function',
					function: { name, arguments: JSON.stringify(step.args) },
				},
			],
		};
	}

	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const url = req.url ?? '';
			if (req.method === 'GET' && url.endsWith('/models')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				return res.end(
					JSON.stringify({ object: 'list', data: [{ id: 'gpt-4.1-mini', object: 'model' }] }),
				);
			}
			if (req.method !== 'POST' || !url.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' });
				return res.end(JSON.stringify({ error: { message: `not faked: ${req.method} ${url}` } }));
			}
			const body = JSON.parse(raw || '{}');
			requests.push(body);
			const message = reply(body);
			responses.push(message);
			const finish = message.tool_calls ? 'tool_calls' : 'stop';
			const base = {
				id: `chatcmpl_${requests.length}`,
				created: Math.floor(Date.now() / 1000),
				model: body.model ?? 'gpt-4.1-mini',
			};
			if (body.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream' });
				const delta = message.tool_calls
					? {
							role: 'assistant',
							tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })),
						}
					: { role: 'assistant', content: message.content };
				res.write(
					`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`,
				);
				res.write(
					`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: finish }] })}\n\n`,
				);
				return res.end('data: [DONE]\n\n');
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					...base,
					object: 'chat.completion',
					choices: [
						{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish },
					],
					usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
				}),
			);
		});
	});

	return {
		requests,
		/** Every tool call the model made, in order: { name, args }. */
		toolCalls() {
			return responses
				.flatMap((message) => message.tool_calls ?? [])
				.map((call) => ({ name: call.function.name, args: JSON.parse(call.function.arguments) }));
		},
		/** The tool answers the agent passed back, in order (the text the model read). */
		toolAnswers() {
			const last = requests.at(-1)?.messages ?? [];
			return last
				.filter((message) => message.role === 'tool')
				.map((message) => String(message.content));
		},
		start() {
			return new Promise((resolve) =>
				server.listen(0, '127.0.0.1', () =>
					resolve(`http://127.0.0.1:${server.address().port}/v1`),
				),
			);
		},
		stop() {
			return new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

module.exports = { createFakeOpenAi };
