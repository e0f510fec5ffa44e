import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { type DeliveryRules, receiveDelivery } from '../shared/trigger/delivery';
import { webhookSettingLifecycle } from '../shared/trigger/webhookSetting';
import { socialSyncerDialect } from './dialect';

/** The dashboard's webhook secret, from the credential ('' when not set). */
async function webhookSecret(context: IHookFunctions | IWebhookFunctions): Promise<string> {
	const credentials = await context.getCredentials<{ webhookSecret?: string }>('socialSyncerApi');
	return typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret.trim() : '';
}

/** Without the secret every delivery would be refused: say so at activation, not silently later. */
async function requireSecret(context: IHookFunctions): Promise<void> {
	if ((await webhookSecret(context)) !== '') return;
	throw new NodeOperationError(context.getNode(), 'The credential has no Webhook Secret', {
		description:
			"Copy the webhook signing secret from your SocialSyncerAPI dashboard into the credential's Webhook Secret field. The trigger checks every delivery's signature with it and refuses deliveries it cannot check.",
	});
}

const DELIVERY: DeliveryRules = {
	// The docs name the first; their Node.js example reads the second.
	signatureHeaders: ['x-socialsyncerapi-signature', 'x-socialapi-signature'],
	async secret() {
		return await webhookSecret(this);
	},
};

export class SocialSyncerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SocialSyncerAPI Trigger',
		name: 'socialSyncerTrigger',
		icon: { light: 'file:socialSyncer.svg', dark: 'file:socialSyncer.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow when SocialSyncerAPI reports a post published, failed or scheduled, or an account connected or disconnected',
		defaults: { name: 'SocialSyncerAPI Trigger' },
		builderHint: {
			searchHint:
				"Starts a workflow on SocialSyncerAPI webhook events: post.published and post.failed (one per platform), post.scheduled, account.connected and account.disconnected (a token expired or was revoked). Needs the dashboard's webhook signing secret in the credential; SocialSyncerAPI keeps one webhook URL per account. Use it to report or react, e.g. post/retry on the SocialSyncerAPI node after post.failed, or to read the post with post/get.",
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'socialSyncerApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName: 'Registration',
				name: 'registration',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Automatic',
						value: 'automatic',
						description:
							"Activating the workflow sets the account's webhook URL to this trigger's URL",
					},
					{
						name: 'Set It in the Dashboard',
						value: 'dashboard',
						description:
							'You paste the URL below into the SocialSyncerAPI dashboard; n8n only listens',
					},
				],
				default: 'automatic',
			},
			{
				displayName:
					'SocialSyncerAPI keeps one webhook URL per account. Activating this workflow replaces the URL set there now (it is put back when you deactivate). Listening for a test event works only while no other URL is set.',
				name: 'automaticNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['automatic'] } },
			},
			{
				displayName:
					'Paste the Production URL (or, while testing, the Test URL) above into your SocialSyncerAPI dashboard, pick the same events there, and copy its signing secret into the credential.',
				name: 'dashboardNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['dashboard'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Account Connected',
						value: 'account.connected',
						description: 'A new social account was connected',
					},
					{
						name: 'Account Disconnected',
						value: 'account.disconnected',
						description: "An account's token expired or was revoked: it needs reconnecting",
					},
					{
						name: 'Post Failed',
						value: 'post.failed',
						description: 'A post failed on a platform (one event per platform)',
					},
					{
						name: 'Post Published',
						value: 'post.published',
						description: 'A post went live on a platform (one event per platform)',
					},
					{
						name: 'Post Scheduled',
						value: 'post.scheduled',
						description: 'A post was scheduled for later',
					},
				],
				default: [],
				description: 'The events that start the workflow, one execution per event',
			},
		],
	};

	webhookMethods = {
		default: webhookSettingLifecycle(socialSyncerDialect, '/webhooks/settings', requireSecret),
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this, DELIVERY);
	}
}
