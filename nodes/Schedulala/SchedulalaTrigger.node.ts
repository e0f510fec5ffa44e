import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { type DeliveryRules, receiveDelivery } from '../shared/trigger/delivery';
import { webhookListLifecycle } from '../shared/trigger/webhookList';
import { schedulalaDialect } from './dialect';

const DELIVERY: DeliveryRules = {
	// Inferred: the docs do not show the header's name.
	signatureHeaders: ['x-schedulala-signature'],
	// Returned once, when the trigger registered its webhook; kept in the node's static data.
	async secret() {
		const { secret } = this.getWorkflowStaticData('node');
		return typeof secret === 'string' ? secret : '';
	},
};

export class SchedulalaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Schedulala Trigger',
		name: 'schedulalaTrigger',
		icon: { light: 'file:schedulala.svg', dark: 'file:schedulala.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow when Schedulala reports a post published or failed, or an account error',
		defaults: { name: 'Schedulala Trigger' },
		builderHint: {
			searchHint:
				'Starts a workflow on Schedulala webhook events: post.published, post.failed and account.error (an account needs reconnecting). Activating the workflow registers the webhook; deliveries are checked against its signing secret. Use it to report or react, e.g. post/retry on the Schedulala node after post.failed, or to read the post with post/get.',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'schedulalaApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{
						name: 'Account Error',
						value: 'account.error',
						description: 'An account needs attention, for example its token expired',
					},
					{
						name: 'Post Failed',
						value: 'post.failed',
						description: 'A post failed on a platform',
					},
					{
						name: 'Post Published',
						value: 'post.published',
						description: 'A post went live on a platform',
					},
				],
				default: [],
				description: 'The events that start the workflow, one execution per event',
			},
			{
				displayName: 'Other Events',
				name: 'otherEvents',
				type: 'string',
				default: '',
				placeholder: 'e.g. post.scheduled, post.deleted',
				description:
					'More events by the name Schedulala gives them, separated by commas. They are registered with the events above.',
			},
		],
	};

	webhookMethods = { default: webhookListLifecycle(schedulalaDialect, '/webhooks') };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this, DELIVERY);
	}
}
