import { startSandbox } from '../../sandbox';
import { FAST_RETRIES, sandboxCredentials, useSandbox } from '../support/fixtures';
import { runSmileIdNode } from '../support/n8n-engine';

const sandbox = useSandbox();

const PARTNER = '085';
const NO_RETRY = { ...FAST_RETRIES, maxAttempts: 1 };

async function deactivate(
	userId: string,
	options: Record<string, unknown> = NO_RETRY,
	continueOnFail = false,
) {
	return await runSmileIdNode({
		credentials: sandboxCredentials(sandbox()),
		parameters: { operation: 'deactivate', userId, options },
		continueOnFail,
	});
}

describe('what Smile ID refuses becomes an error that says what happened and what to do', () => {
	it('2210: an unknown user points at the user ID and the environment', async () => {
		const run = await deactivate('nobody-here');
		expect(run.error).toMatchObject({
			message: 'No enrolled user with this User ID (Smile ID code 2210)',
			// n8n's error panel shows this as "Error code": Smile ID's code, the HTTP status beside it.
			httpCode: '2210 (HTTP 400)',
			itemIndex: 0,
			smileIdCode: '2210',
		});
		expect(run.error?.description).toMatch(/Check the User ID .* environment/);
		expect(run.error?.description).toMatch(/Smile ID said: "No enrolled user found"/);
	});

	it('2208: a deleted user says the user ID can no longer be used', async () => {
		const run = await deactivate('user-deleted-001');
		expect(run.error?.message).toBe('The user has been deleted (Smile ID code 2208)');
		expect(run.error?.description).toMatch(/can no longer be changed/);
	});

	it('2205: a wrong key points at the partner ID, the key and the environment', async () => {
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox(), { apiKey: sandbox().partners[0].keys.production }),
			parameters: { operation: 'deactivate', userId: 'user-active-001', options: NO_RETRY },
		});
		expect(run.error?.message).toBe('Smile ID did not authorize the request (Smile ID code 2205)');
		expect(run.error?.description).toMatch(
			/Partner ID .*API key.*Sandbox key only works with Sandbox/,
		);
	});

	it.each([
		['2201', 'Smile ID had a system error', /Try again later/],
		['2301', 'Smile ID had a system error', /Try again later/],
		['2203', 'Smile ID could not read the request (invalid JSON)', /bug in the Smile ID node/],
		['2204', 'Smile ID rejected a parameter of the wrong type', /User ID is text/],
		['2207', 'The user is deactivated', /Reactivate the user first/],
		['2209', 'The user is already enrolled', /Allow re-enrollment first/],
		['2211', 'The user must complete re-enrollment first', /new enrollment job/],
		['2213', 'Smile ID says a required parameter is missing', /bug in the Smile ID node/],
		['2405', 'Smile ID did not authorize the request', /Partner ID/],
		['2413', 'Smile ID says a required parameter is missing', /bug/],
		['2220', 'Production is not enabled for this Smile ID partner', /enable production/],
	])('%s: %s', async (code, message, advice) => {
		sandbox().addDrill({ kind: 'status', status: 400, code, times: 1 });
		const run = await deactivate('user-active-001');
		expect(run.error?.message).toBe(`${message} (Smile ID code ${code})`);
		expect(run.error?.description).toMatch(advice);
		expect(run.error?.smileIdCode).toBe(code);
	});

	it('reads a code given as a number just like one given as a string', async () => {
		sandbox().addDrill({
			kind: 'errorStyle',
			shape: 'error',
			numericCode: true,
			successFalse: true,
		});
		const run = await deactivate('nobody-here');
		expect(sandbox().requests()[0].response).toMatchObject({ code: 2210, success: false });
		expect(run.error?.message).toBe('No enrolled user with this User ID (Smile ID code 2210)');
	});

	it('reads the other error shape, {"status", "message"}, by its HTTP status and Smile ID\'s words', async () => {
		sandbox().addDrill({ kind: 'errorStyle', shape: 'status', httpStatus: 401 });
		const run = await deactivate('user-active-001', NO_RETRY);
		const refused = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox(), { apiKey: 'not-the-key' }),
			parameters: { operation: 'deactivate', userId: 'user-active-001', options: NO_RETRY },
		});
		expect(run.error).toBeUndefined();
		expect(refused.error?.message).toBe('Smile ID did not authorize the request (HTTP 401)');
		expect(refused.error?.description).toMatch(
			/Partner ID.*Smile ID said: "You are not authorized to do that"/,
		);
	});

	it("says a timeout on Smile ID's side is one, not a refusal", async () => {
		sandbox().addDrill({ kind: 'status', status: 408, body: '', times: 1 });
		const run = await deactivate('user-active-001');
		expect(run.error?.message).toBe('Smile ID timed out waiting for the request (HTTP 408)');
	});

	it('gives a clear message for an empty error body', async () => {
		sandbox().addDrill({ kind: 'status', status: 400, body: '', times: 1 });
		const run = await deactivate('user-active-001');
		expect(run.error?.message).toBe('Smile ID refused the request (HTTP 400)');
		expect(run.error?.description).toBe('Check the User ID and the credential.');
	});

	it('gives a clear message for an HTML error page, quoting its words, not its tags', async () => {
		sandbox().addDrill({ kind: 'html', status: 502 });
		const run = await deactivate('user-active-001');
		expect(run.error?.message).toBe('Smile ID is unavailable (HTTP 502)');
		expect(run.error?.description).toMatch(
			/Smile ID said: "502 Bad Gateway 502 Bad Gateway nginx"/,
		);
		expect(run.error?.description).not.toMatch(/</);
	});

	it('gives a clear message for an HTML page with a 4xx status', async () => {
		sandbox().addDrill({ kind: 'html', status: 403 });
		const run = await deactivate('user-active-001');
		expect(run.error?.message).toBe('Smile ID did not authorize the request (HTTP 403)');
	});

	it('says when Smile ID could not be reached at all', async () => {
		const closed = await startSandbox();
		const url = closed.url;
		await closed.close();
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox(), { baseUrl: url }),
			parameters: { operation: 'deactivate', userId: 'user-active-001', options: NO_RETRY },
		});
		expect(run.error?.message).toBe('Could not connect to Smile ID');
		expect(run.error?.description).toBe(
			'Check the network and the Base URL in the credential, then try again. (ECONNREFUSED)',
		);
	});

	it('does not count a 2xx answer that is not JSON as done', async () => {
		sandbox().addDrill({ kind: 'malformedJson', times: 1 });
		const run = await deactivate('user-active-001');
		expect(run.items).toEqual([]);
		expect(run.error?.message).toBe('Not a Smile ID answer: text that is not JSON (HTTP 200)');
	});
});

describe('On Error: Continue', () => {
	it('turns each failing item into a paired error item with the code and the advice, and the others go on', async () => {
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: { operation: 'deactivate', userId: '={{ $json.id }}', options: NO_RETRY },
			items: [
				{ id: 'user-active-001' },
				{ id: 'nobody-here' },
				{ id: '' },
				{ id: 'user-active-002' },
			],
			continueOnFail: true,
		});

		expect(run.error).toBeUndefined();
		expect(run.pairedWith).toEqual([0, 1, 2, 3]);
		expect(run.items[0]).toMatchObject({ userId: 'user-active-001', success: true });
		expect(run.items[1]).toEqual({
			error: {
				message: 'No enrolled user with this User ID (Smile ID code 2210)',
				description: expect.stringMatching(/^Check the User ID/),
				userId: 'nobody-here',
				operation: 'deactivate',
				httpCode: '400',
				smileIdCode: '2210',
			},
		});
		expect(run.items[2]).toEqual({
			error: { message: 'The User ID is empty', description: expect.stringMatching(/Set User ID/) },
		});
		expect(run.items[3]).toMatchObject({ userId: 'user-active-002', success: true });
		expect(sandbox().enrollee(PARTNER, 'user-active-002')?.active).toBe(false);
		expect(sandbox().requests()).toHaveLength(3);
	});

	it('"using error output" sends the failing items, with their error, to the error output', async () => {
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: { operation: 'deactivate', userId: '={{ $json.id }}', options: NO_RETRY },
			items: [{ id: 'user-active-001' }, { id: 'nobody-here' }, { id: 'user-active-002' }],
			errorOutput: true,
		});
		expect(run.items.map((item) => item.userId)).toEqual(['user-active-001', 'user-active-002']);
		expect(run.errorOutput).toEqual([
			{
				id: 'nobody-here',
				error: expect.objectContaining({
					message: 'No enrolled user with this User ID (Smile ID code 2210)',
					userId: 'nobody-here',
					smileIdCode: '2210',
				}),
			},
		]);
	});

	it("without it, the first failing item stops the node with that item's error", async () => {
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: { operation: 'deactivate', userId: '={{ $json.id }}', options: NO_RETRY },
			items: [{ id: 'user-active-001' }, { id: 'nobody-here' }, { id: 'user-active-002' }],
		});
		expect(run.error).toMatchObject({ itemIndex: 1, smileIdCode: '2210' });
		expect(run.items).toEqual([]);
	});
});

describe('Delete', () => {
	it('of a user Smile ID already deleted counts as deleted, with a note', async () => {
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: { operation: 'delete', userId: 'user-deleted-001', options: NO_RETRY },
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toEqual([
			{
				userId: 'user-deleted-001',
				operation: 'delete',
				success: true,
				deleted: true,
				note: 'Smile ID reports this user as already deleted',
			},
		]);
	});

	it('of a user Smile ID never knew is an error: the user ID may be mistyped', async () => {
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: { operation: 'delete', userId: 'never-enrolled', options: NO_RETRY },
		});
		expect(run.error?.smileIdCode).toBe('2210');
	});
});
