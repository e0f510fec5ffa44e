import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { cleartextNotice, credentialTest } from '../nodes/shared/transport/credentialTest';

export class SocialSyncerApi implements ICredentialType {
	name = 'socialSyncerApi';

	displayName = 'SocialSyncerAPI API';

	icon: Icon = {
		light: 'file:../nodes/SocialSyncer/socialSyncer.svg',
		dark: 'file:../nodes/SocialSyncer/socialSyncer.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-social-posting/n8n-nodes-social-posting#socialsyncerapi-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk_...',
			description:
				'Create one in the SocialSyncerAPI dashboard under Settings → API Keys. It is shown only once.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.socialsyncerapi.com/v1',
			description:
				'The API address including the version. Change it only for a proxy or test server.',
		},
		cleartextNotice('SocialSyncerAPI'),
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Only for the SocialSyncerAPI Trigger: the signing secret of the account's webhook, from the SocialSyncerAPI dashboard. The trigger refuses every delivery whose signature does not match it.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	// Lists the connected accounts. A page that is not the API (an HTML login page
	// behind a wrong Base URL) has no `accounts`, and n8n then fails the test.
	test: ICredentialTestRequest = credentialTest('SocialSyncerAPI', '/accounts', undefined, [
		{
			type: 'responseSuccessBody',
			properties: {
				key: 'accounts',
				value: undefined,
				message:
					'The Base URL answered, but not like SocialSyncerAPI (no account list). Check the Base URL: it should end in /v1.',
			},
		},
	]);
}
