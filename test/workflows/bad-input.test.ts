import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { FAST_RETRIES, sandboxCredentials, useSandbox } from '../support/fixtures';
import { runSmileIdNode } from '../support/n8n-engine';

const sandbox = useSandbox();

type Case = [
	title: string,
	setup: {
		id?: IDataObject[string];
		userId?: string;
		operation?: string;
		credentials?: ICredentialDataDecryptedObject;
	},
	message: string | RegExp,
];

// Each case fails before anything reaches Smile ID, with On Error: Continue (the error item) and without (the node error).
const CASES: Case[] = [
	['an empty user ID', { id: '' }, 'The User ID is empty'],
	['a blank user ID', { id: '   \u00a0 ' }, 'The User ID is empty'],
	['a null user ID', { id: null }, 'The User ID is empty'],
	['a missing field as user ID', { userId: '={{ $json.noSuchField }}' }, 'The User ID is empty'],
	['an object as user ID', { id: { value: 'u-1' } }, 'The User ID must be text, not an object'],
	['a list as user ID', { id: ['u-1', 'u-2'] }, 'The User ID must be text, not a list'],
	['a boolean as user ID', { id: true }, 'The User ID must be text, not a boolean'],
	[
		'a user ID of 10,000 characters',
		{ id: 'x'.repeat(10_000) },
		/is 10000 characters long, more than the 512/,
	],
	[
		'a user ID with a line break',
		{ id: 'u-1\nu-2' },
		'The User ID contains a line break or an invisible character',
	],
	[
		'a user ID with a tab',
		{ id: 'u-1\tx' },
		'The User ID contains a line break or an invisible character',
	],
	[
		'a user ID with a zero-width space',
		{ id: 'u\u200b-1' },
		'The User ID contains a line break or an invisible character',
	],
	[
		'a user ID with a byte order mark inside',
		{ id: 'u-1\ufeffx' },
		'The User ID contains a line break or an invisible character',
	],
	[
		'a user ID with a right-to-left mark',
		{ id: 'u-1\u200f' },
		'The User ID contains a line break or an invisible character',
	],
	['a user ID of 513 emoji', { id: '😀'.repeat(513) }, /is 513 characters long, more than the 512/],
	...['\u115f', '\u1160', '\u3164', '\uffa0', '\u2800'].map(
		(filler): Case => [
			`a user ID with the blank-looking U+${filler.codePointAt(0)?.toString(16).toUpperCase()}`,
			{ id: `u-1${filler}` },
			'The User ID contains a line break or an invisible character',
		],
	),
	[
		'a user ID with a NUL character',
		{ id: 'u\u0000-1' },
		'The User ID contains a line break or an invisible character',
	],
	[
		'an expression naming a node that does not exist',
		{ userId: '={{ $("CRM Lookup").item.json.id }}' },
		"Referenced node doesn't exist",
	],
	[
		'the injected Custom API Call operation',
		{ operation: '__CUSTOM_API_CALL__' },
		'The operation Custom API Call is not supported by the Smile ID node',
	],
	[
		'an operation that does not exist',
		{ operation: 'explode' },
		'The operation "explode" is not supported by the Smile ID node',
	],
	[
		'an empty partner ID',
		{ credentials: { partnerId: '' } },
		/credential is incomplete: the Partner ID is empty/,
	],
	[
		'an API key of spaces',
		{ credentials: { apiKey: '   ' } },
		/credential is incomplete: the API Key is empty/,
	],
	[
		'an empty e-mail',
		{ credentials: { email: '' } },
		/credential is incomplete: the Email is empty/,
	],
	[
		'an e-mail that is not one',
		{ credentials: { email: 'operations team' } },
		/the Email is not an e-mail address/,
	],
	[
		'an unknown environment',
		{ credentials: { environment: 'staging' } },
		/the Environment must be Sandbox or Production/,
	],
	[
		'a Base URL that is not a URL',
		{ credentials: { baseUrl: 'portal smileidentity' } },
		/the Base URL must start with http/,
	],
	[
		'a Base URL of another scheme',
		{ credentials: { baseUrl: 'ftp://portal.smileidentity.com' } },
		/the Base URL must start with http/,
	],
	[
		'a Base URL with a query string',
		{ credentials: { baseUrl: 'https://portal.smileidentity.com/?next=/x' } },
		/the Base URL must not have a query string/,
	],
	[
		'a Base URL with a fragment',
		{ credentials: { baseUrl: 'https://portal.smileidentity.com#api' } },
		/the Base URL must not have a query string \(\?…\) or a fragment \(#…\)/,
	],
	[
		'several problems at once',
		{ credentials: { partnerId: '', apiKey: '' } },
		/the Partner ID is empty; the API Key is empty/,
	],
];

function run(setup: Case[1], continueOnFail: boolean) {
	return runSmileIdNode({
		credentials: sandboxCredentials(sandbox(), setup.credentials ?? {}),
		parameters: {
			operation: setup.operation ?? 'delete',
			userId: setup.userId ?? '={{ $json.id }}',
			options: FAST_RETRIES,
		},
		items: [
			{ id: 'id' in setup ? setup.id : 'user-active-001' },
			{ id: 'id' in setup ? setup.id : 'user-active-002' },
		],
		continueOnFail,
	});
}

describe.each(CASES)('%s', (_title, setup, message) => {
	it('fails with a clear error and sends nothing', async () => {
		const stopped = await run(setup, false);
		expect(stopped.error?.message).toEqual(
			typeof message === 'string' ? message : expect.stringMatching(message),
		);
		expect(stopped.error?.description).toBeTruthy();
		expect(stopped.error?.itemIndex).toBe(0);

		const continued = await run(setup, true);
		expect(continued.items).toHaveLength(2);
		expect(continued.pairedWith).toEqual([0, 1]);
		for (const item of continued.items) {
			expect((item.error as IDataObject).message).toEqual(
				typeof message === 'string' ? message : expect.stringMatching(message),
			);
			expect(item.success).toBeUndefined();
		}

		expect(sandbox().requests()).toEqual([]);
		expect(sandbox().enrollee('085', 'user-active-001')?.deleted).toBe(false);
	});
});

it('sends a user ID with visible non-ASCII letters as it is', async () => {
	sandbox().addEnrollee('085', 'josé-ñúñez-五');
	const result = await runSmileIdNode({
		credentials: sandboxCredentials(sandbox()),
		parameters: { operation: 'deactivate', userId: 'josé-ñúñez-五' },
	});
	expect(result.error).toBeUndefined();
	expect(sandbox().requests()[0].body).toMatchObject({ user_id: 'josé-ñúñez-五' });
	expect(sandbox().enrollee('085', 'josé-ñúñez-五')?.active).toBe(false);
});

it('counts a user ID in characters as a person does: 300 emoji are 300, and are sent', async () => {
	const userId = '😀'.repeat(300);
	sandbox().addEnrollee('085', userId);
	const result = await runSmileIdNode({
		credentials: sandboxCredentials(sandbox()),
		parameters: { operation: 'deactivate', userId },
	});
	expect(result.error).toBeUndefined();
	expect(sandbox().enrollee('085', userId)?.active).toBe(false);
});

it('an environment that does not match the key costs one refused request, and no more for the other items', async () => {
	const items = Array.from({ length: 20 }, (_, i) => ({ id: `user-${i}` }));
	const stopped = await runSmileIdNode({
		credentials: sandboxCredentials(sandbox(), { environment: 'production' }),
		parameters: { operation: 'deactivate', userId: '={{ $json.id }}', options: FAST_RETRIES },
		items,
	});
	expect(stopped.error?.smileIdCode).toBe('2205');
	expect(sandbox().requests()).toHaveLength(1);

	sandbox().clearRequests();
	const continued = await runSmileIdNode({
		credentials: sandboxCredentials(sandbox(), { apiKey: 'a-key-from-another-account' }),
		parameters: { operation: 'deactivate', userId: '={{ $json.id }}', options: FAST_RETRIES },
		items,
		continueOnFail: true,
	});
	expect(sandbox().requests()).toHaveLength(1);
	expect(continued.items).toHaveLength(20);
	expect(continued.items.map((item) => (item.error as IDataObject).smileIdCode)).toEqual(
		items.map(() => '2205'),
	);
	expect((continued.items[0].error as IDataObject).message).toBe(
		'Smile ID did not authorize the request (Smile ID code 2205)',
	);
	expect((continued.items[1].error as IDataObject).description).toMatch(
		/^Not sent: Smile ID refused the credential for an earlier item/,
	);
});
