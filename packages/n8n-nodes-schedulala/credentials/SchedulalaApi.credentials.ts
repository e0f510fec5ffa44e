import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { cleartextNotice, credentialTest } from '../nodes/shared/transport/credentialTest';

export class SchedulalaApi implements ICredentialType {
	name = 'schedulalaApi';

	displayName = 'Schedulala API';

	icon: Icon = {
		light: 'file:../nodes/Schedulala/schedulala.svg',
		dark: 'file:../nodes/Schedulala/schedulala.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-social-posting/n8n-nodes-social-posting#schedulala-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk_live_...',
			hint: 'A key starting with sk_test_ is a sandbox key: nothing is really published, and some operations answer "sandbox_unsupported". Use an sk_live_ key to post for real.',
			description: 'Create one in the Schedulala dashboard (Developer view)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://schedulala.com/api/v1',
			description:
				'The API address including /api/v1. Change it only for a proxy, staging or test server.',
		},
		cleartextNotice('Schedulala'),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	// Lists one post. Schedulala always answers with a `success` field; a page
	// that is not the API has none, and n8n then fails the test.
	test: ICredentialTestRequest = credentialTest('Schedulala', '/posts', { limit: 1 }, [
		{
			type: 'responseSuccessBody',
			properties: {
				key: 'success',
				value: undefined,
				message:
					'The Base URL answered, but not like the Schedulala API (no "success" field). Check the Base URL: it should end in /api/v1.',
			},
		},
		{
			type: 'responseSuccessBody',
			properties: {
				key: 'success',
				value: false,
				message: 'Schedulala rejected the API key. Check it in the Schedulala dashboard.',
			},
		},
	]);
}
