/**
 * Runs one of our nodes through n8n-core's real execution path
 * (WorkflowExecute, the real request helpers, real credential injection)
 * against a simulator over HTTP. Modelled on n8n's own NodeTestHarness,
 * which is not published.
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	IExecuteFunctions,
	WorkflowExecuteMode,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	OnError,
} from 'n8n-workflow';
import { ICredentialsHelper, sleep, Workflow } from 'n8n-workflow';

import { SchedulalaApi } from '../../../credentials/SchedulalaApi.credentials';
import { SocialSyncerApi } from '../../../credentials/SocialSyncerApi.credentials';
import { Schedulala } from '../../../nodes/Schedulala/Schedulala.node';
import { SocialSyncer } from '../../../nodes/SocialSyncer/SocialSyncer.node';
import { SchedulalaTrigger } from '../../../nodes/Schedulala/SchedulalaTrigger.node';
import { SocialSyncerTrigger } from '../../../nodes/SocialSyncer/SocialSyncerTrigger.node';

const credentialTypes: Record<string, ICredentialType> = {
	socialSyncerApi: new SocialSyncerApi(),
	schedulalaApi: new SchedulalaApi(),
};

/** n8n's tool variant of a node (convertNodeToAiTool): the same node, its type name ending in "Tool". */
function asTool(node: INodeType): INodeType {
	const tool = Object.create(node) as INodeType;
	tool.description = { ...node.description, name: `${node.description.name}Tool` };
	return tool;
}

/**
 * n8n's Loop Over Items (Split in Batches v3) in miniature: the items go out
 * `batchSize` at a time on output 1, come back through the loop, and leave on
 * output 0 once all have been through. The node in the loop runs once a batch.
 */
class TestLoop implements INodeType {
	description = {
		displayName: 'Loop',
		name: 'testLoop',
		group: [],
		version: 1,
		description: 'Loop Over Items, for tests',
		defaults: { name: 'Loop' },
		inputs: ['main'],
		outputs: ['main', 'main'],
		properties: [{ displayName: 'Batch Size', name: 'batchSize', type: 'number', default: 1 }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const state = this.getContext('node') as {
			left?: INodeExecutionData[];
			done?: INodeExecutionData[];
		};
		const size = this.getNodeParameter('batchSize', 0) as number;
		if (state.left === undefined) {
			state.left = [...this.getInputData()];
			state.done = [];
		} else state.done!.push(...this.getInputData());
		const next = state.left.splice(0, size);
		return next.length === 0 ? [state.done!, []] : [[], next];
	}
}

const nodeTypesByName: Record<string, INodeType> = {
	'test.loop': new TestLoop(),
	'n8n-nodes-social-posting.socialSyncer': new SocialSyncer(),
	'n8n-nodes-social-posting.schedulala': new Schedulala(),
	'n8n-nodes-social-posting.socialSyncerTool': asTool(new SocialSyncer()),
	'n8n-nodes-social-posting.schedulalaTool': asTool(new Schedulala()),
	'n8n-nodes-social-posting.socialSyncerTrigger': new SocialSyncerTrigger(),
	'n8n-nodes-social-posting.schedulalaTrigger': new SchedulalaTrigger(),
};

/** Resolves `{{$credentials.x}}` the way n8n's generic authentication does for our templates. */
function resolveTemplate(template: string, credentials: ICredentialDataDecryptedObject): string {
	const body = template.startsWith('=') ? template.slice(1) : template;
	return body.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) =>
		String(credentials[key] ?? ''),
	);
}

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly values: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (!authenticate || typeof authenticate === 'function') return requestOptions;
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		for (const [name, value] of Object.entries(authenticate.properties.headers ?? {})) {
			headers[name] = resolveTemplate(String(value), credentials);
		}
		return { ...requestOptions, headers };
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these nodes');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		return this.values[type] ?? {};
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties() {
		return credentialTypes[Object.keys(credentialTypes)[0]].properties;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}

export const nodeTypes: INodeTypes = {
	getByName: (type: string) => nodeTypesByName[type],
	getByNameAndVersion: (type: string) => nodeTypesByName[type],
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

export type NodeName = 'socialSyncer' | 'schedulala';

export interface RunOptions {
	node: NodeName;
	parameters: INodeParameters;
	/** Input items: one per post (their json feeds expressions). */
	items?: IDataObject[];
	/** Input items with binary data (see binary.ts), instead of `items`. */
	binaryItems?: INodeExecutionData[];
	baseUrl: string;
	apiKey: string;
	onError?: OnError;
	/** Runs the node as an AI agent's tool; the items' json carries the tool call's arguments. */
	asTool?: boolean;
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
	executionId?: string;
	workflowId?: string;
	/** Cancels the execution after this many milliseconds, as the Stop button does. */
	cancelAfterMs?: number;
	/**
	 * Custom data the execution starts with. n8n's Retry of a failed execution
	 * carries the failed one's over: pass `previous.customData` with a new executionId.
	 */
	customData?: Record<string, string>;
	/** How n8n started the execution ('retry' for a Retry of a failed one); default 'manual'. */
	mode?: WorkflowExecuteMode;
	/**
	 * A Retry carries the failed execution's run data: a trigger that ran at this time
	 * (epoch ms) stands for it.
	 */
	chainStartedAt?: number;
	/** Runs the node inside Loop Over Items, this many items a batch. */
	loop?: { batchSize: number };
}

export interface RunResult {
	/** Items of the main output. */
	main: INodeExecutionData[];
	/** Items of the error output ("Continue (using error output)"). */
	errorOutput: INodeExecutionData[];
	/** The node's thrown error, as the engine recorded it. */
	error?: IRun['data']['resultData']['error'] & IDataObject;
	run: IRun;
	/** The execution's custom data when it ended. */
	customData: Record<string, string>;
	/** Each run of the node (one per loop iteration), its main output. */
	runs: INodeExecutionData[][];
}

let executionCounter = 0;

export async function runNode(options: RunOptions): Promise<RunResult> {
	const credentialType = options.node === 'socialSyncer' ? 'socialSyncerApi' : 'schedulalaApi';
	const node: INode = {
		id: `node-${options.node}`,
		name: options.node === 'socialSyncer' ? 'SocialSyncerAPI' : 'Schedulala',
		// n8n's tool variant of a node is the same node under a type ending in "Tool".
		type: `n8n-nodes-social-posting.${options.node}${options.asTool ? 'Tool' : ''}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { [credentialType]: { id: '1', name: 'Simulator' } },
		onError: options.onError,
		retryOnFail: options.retryOnFail,
		maxTries: options.maxTries,
		waitBetweenTries: options.waitBetweenTries,
	};
	const loop: INode | undefined = options.loop && {
		id: 'node-loop',
		name: 'Loop',
		type: 'test.loop',
		typeVersion: 1,
		position: [0, 0],
		parameters: { batchSize: options.loop.batchSize },
	};
	const workflow = new Workflow({
		id: options.workflowId ?? 'workflow-1',
		nodes: loop ? [loop, node] : [node],
		connections: loop
			? {
					Loop: { main: [[], [{ node: node.name, type: 'main', index: 0 }]] },
					[node.name]: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
				}
			: {},
		active: false,
		nodeTypes,
		settings: { timezone: 'UTC', executionOrder: 'v1' },
	});

	const mode = options.mode ?? 'manual';
	const executionId = options.executionId ?? `exec-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflow as never);
	let resolveRun: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData: IRun) => resolveRun(fullRunData));

	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({
			[credentialType]: { apiKey: options.apiKey, baseUrl: options.baseUrl },
		}),
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: '',
		formWaitingBaseUrl: '',
		formTestBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		mcpBaseUrl: '',
		mcpTestBaseUrl: '',
		variables: {},
		logAiEvent: () => undefined,
		executeWorkflow: async () => await Promise.reject(new Error('not supported')),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => await Promise.reject(new Error('not supported')),
	} as unknown as IWorkflowExecuteAdditionalData;

	const items = options.binaryItems ?? (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData: IRunExecutionData = {
		resultData: {
			runData:
				options.chainStartedAt === undefined
					? {}
					: {
							Trigger: [
								{
									startTime: options.chainStartedAt,
									executionTime: 1,
									executionIndex: 0,
									source: [],
								},
							],
						},
			metadata: { ...(options.customData ?? {}) },
		},
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: loop ?? node, data: { main: [items] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: null,
		},
	} as unknown as IRunExecutionData;

	const execute = new WorkflowExecute(additionalData, mode, runExecutionData);
	const running = execute.processRunExecutionData(workflow);
	if (options.cancelAfterMs !== undefined)
		void sleep(options.cancelAfterMs).then(() => running.cancel());
	await running;
	const run = await finished;

	const tasks = run.data.resultData.runData[node.name] ?? [];
	const outputs = tasks[0]?.data?.main ?? [];
	return {
		main: outputs[0] ?? [],
		errorOutput: outputs[1] ?? [],
		error: run.data.resultData.error as RunResult['error'],
		run,
		customData: { ...(run.data.resultData.metadata ?? {}) },
		runs: tasks.map((task) => task.data?.main?.[0] ?? []),
	};
}

export interface ListSearchOptions {
	node: NodeName;
	/** The node's parameters as the editor sends them (currentNodeParameters). */
	parameters: INodeParameters;
	/** The resource locator's path, e.g. `parameters.platforms.target[0].accountId`. */
	path: string;
	filter?: string;
	baseUrl: string;
	apiKey: string;
}

/**
 * Loads a resource locator's list the way n8n's editor does
 * (DynamicNodeParametersService → LoadOptionsContext on a temporary node).
 */
export async function searchList(
	method: string,
	options: ListSearchOptions,
): Promise<INodeListSearchResult> {
	const credentialType = options.node === 'socialSyncer' ? 'socialSyncerApi' : 'schedulalaApi';
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: `n8n-nodes-social-posting.${options.node}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { [credentialType]: { id: '1', name: 'Simulator' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { timezone: 'UTC' },
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({
			[credentialType]: { apiKey: options.apiKey, baseUrl: options.baseUrl },
		}),
		currentNodeParameters: options.parameters,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, options.path);
	const nodeType = nodeTypesByName[node.type];
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`${node.type} has no list search "${method}"`);
	return await search.call(context, options.filter);
}
