/**
 * Runs a trigger node the way n8n does, with n8n-core's real contexts:
 * HookContext for the webhook lifecycle (activation: checkExists, then create
 * if needed, delete if create failed; deactivation: delete) and WebhookContext
 * for each delivery, behind a small HTTP server standing in for n8n's webhook
 * endpoint (production /webhook/…, test /webhook-test/…). Static data is kept
 * per mode, as n8n keeps the test registration's apart.
 */
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { startWebhookServer } from './webhookServer';
import { type NodeName, nodeTypes, TestCredentialsHelper } from './harness';

export interface TriggerOptions {
	node: NodeName;
	parameters: INodeParameters;
	/** The credential's values: apiKey, baseUrl, and for SocialSyncerAPI webhookSecret. */
	credentials: ICredentialDataDecryptedObject;
}

export interface Answer {
	status: number;
	body: string;
}

type Mode = 'production' | 'test';

export class TriggerHost {
	/** One entry per started execution: the items the trigger emitted. */
	readonly executions: IDataObject[][] = [];

	private baseUrl = '';

	private close?: () => Promise<void>;

	private readonly node: INode;

	private readonly nodeType: INodeType;

	private readonly workflows: Record<Mode, Workflow>;

	constructor(private readonly options: TriggerOptions) {
		const credentialType = options.node === 'socialSyncer' ? 'socialSyncerApi' : 'schedulalaApi';
		this.node = {
			id: 'trigger-1',
			name: 'Trigger',
			type: `n8n-nodes-social-posting.${options.node}Trigger`,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters,
			credentials: { [credentialType]: { id: '1', name: 'Simulator' } },
		};
		this.nodeType = nodeTypes.getByName(this.node.type) as INodeType;
		const workflow = () =>
			new Workflow({
				id: 'wfTrigger0000001',
				nodes: [this.node],
				connections: {},
				active: true,
				nodeTypes,
				staticData: {},
				settings: { timezone: 'UTC' },
			});
		this.workflows = { production: workflow(), test: workflow() };
	}

	async start(): Promise<void> {
		const server = await startWebhookServer(
			async (req: unknown, res: unknown, isTest: boolean) =>
				await this.receive(req, res, isTest ? 'test' : 'production'),
		);
		this.baseUrl = server.baseUrl;
		this.close = server.close;
	}

	async stop(): Promise<void> {
		await this.close?.();
	}

	/** The node's static data in a mode (what n8n saves with the workflow). */
	staticData(mode: Mode = 'production'): IDataObject {
		return this.workflows[mode].getStaticData('node', this.node);
	}

	url(mode: Mode = 'production'): string {
		return this.hookContext(mode).getNodeWebhookUrl('default') ?? '';
	}

	/** Activation (or n8n's start, or "Listen for test event"): checkExists, then create. */
	async activate(mode: Mode = 'production'): Promise<void> {
		const methods = this.nodeType.webhookMethods?.default;
		if (!methods) throw new Error('no webhook methods');
		const context = this.hookContext(mode);
		if (await methods.checkExists.call(context)) return;
		const failure = await methods.create.call(context).then(
			() => undefined,
			(error: unknown) => error,
		);
		if (failure === undefined) return;
		// n8n clears the webhooks of a failed activation.
		await methods.delete.call(this.hookContext(mode));
		throw failure;
	}

	async deactivate(mode: Mode = 'production'): Promise<void> {
		await this.nodeType.webhookMethods?.default?.delete.call(this.hookContext(mode));
	}

	private additionalData(extra: IDataObject = {}): IWorkflowExecuteAdditionalData {
		const credentialType = Object.keys(this.node.credentials ?? {})[0];
		return {
			credentialsHelper: new TestCredentialsHelper({
				[credentialType]: this.options.credentials,
			}),
			webhookBaseUrl: `${this.baseUrl}/webhook`,
			webhookTestBaseUrl: `${this.baseUrl}/webhook-test`,
			restApiUrl: `${this.baseUrl}/rest`,
			instanceBaseUrl: `${this.baseUrl}/`,
			variables: {},
			...extra,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private webhookData(mode: Mode): IWebhookData {
		const description = this.nodeType.description.webhooks?.[0];
		if (!description) throw new Error('no webhook description');
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: 'webhook',
			webhookDescription: description,
			workflowId: 'wfTrigger0000001',
			isTest: mode === 'test',
		} as IWebhookData;
	}

	private hookContext(mode: Mode): HookContext {
		return new HookContext(
			this.workflows[mode],
			this.node,
			this.additionalData(),
			mode === 'test' ? 'manual' : 'trigger',
			mode === 'test' ? 'manual' : 'activate',
			this.webhookData(mode),
		);
	}

	/** One delivery, as n8n's webhook helpers handle it. */
	private async receive(req: unknown, res: unknown, mode: Mode): Promise<void> {
		const context = new WebhookContext(
			this.workflows[mode],
			this.node,
			this.additionalData({ httpRequest: req, httpResponse: res } as IDataObject),
			mode === 'test' ? 'manual' : 'webhook',
			this.webhookData(mode),
			[],
			null,
		);
		const result = await this.nodeType.webhook?.call(context);
		const response = res as { status(code: number): { json(body: unknown): void } };
		if (result?.noWebhookResponse === true) return;
		if (result?.workflowData) {
			this.executions.push(result.workflowData[0].map((item) => item.json));
			response.status(200).json({ message: 'Workflow was started' });
			return;
		}
		response.status(200).json(result?.webhookResponse ?? {});
	}
}
