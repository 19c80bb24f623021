import { startSandbox } from '../../sandbox';
import { sandboxCredentials, useSandbox } from '../support/fixtures';
import { TestCredentialsHelper } from '../support/credentials-helper';
import { runSmileIdNode } from '../support/n8n-engine';

const sandbox = useSandbox();

const PARTNER = '085';

describe.each([
	[
		'allowReenrollment',
		{ allow_new_enroll: true },
		{ awaitingReenrollment: true },
		'allow_new_enroll',
	],
	['deactivate', { active: false }, { active: false }, 'active:false'],
	['reactivate', { active: true }, { active: true }, 'active:true'],
	['flagFraud', { is_fraudulent: true }, { fraudulent: true }, 'is_fraudulent:true'],
	['unflagFraud', { is_fraudulent: false }, { fraudulent: false }, 'is_fraudulent:false'],
	['delete', { delete: true }, { deleted: true }, 'delete'],
])('%s', (operation, flag, stateAfter, historyEntry) => {
	it('sends exactly its flag, signed, and changes the user in Smile ID', async () => {
		const start =
			operation === 'reactivate'
				? { active: false }
				: operation === 'unflagFraud'
					? { fraudulent: true }
					: {};
		sandbox().addEnrollee(PARTNER, 'crm-42', start);

		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: { operation, userId: 'crm-42' },
		});

		expect(run.error).toBeUndefined();
		const [request] = sandbox().requests();
		expect(sandbox().requests()).toHaveLength(1);
		expect(request.path).toBe('/api/v2/partner/enrollee');
		expect(request.status).toBe(200);
		expect(request.hasSignature).toBe(true);
		expect(request.body).toEqual({
			partner_id: '085',
			user_id: 'crm-42',
			email: 'ops@example.com',
			environment: 'test',
			timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
			...flag,
		});
		expect(sandbox().enrollee(PARTNER, 'crm-42')).toMatchObject({
			...stateAfter,
			history: [historyEntry],
		});

		expect(run.items).toEqual([
			{
				userId: 'crm-42',
				operation,
				success: true,
				...(operation === 'delete' ? { deleted: true } : {}),
				response: request.response,
			},
		]);
		expect(run.pairedWith).toEqual([0]);
	});
});

it('gives one output item per input item, paired, in input order, with the user ID taken from each item', async () => {
	const ids = Array.from({ length: 12 }, (_, i) => `bulk-${i}`);
	ids.forEach((id) => sandbox().addEnrollee(PARTNER, id));

	const run = await runSmileIdNode({
		credentials: sandboxCredentials(sandbox()),
		parameters: { operation: 'deactivate', userId: '={{ $json.id }}' },
		items: ids.map((id) => ({ id })),
	});

	expect(run.error).toBeUndefined();
	expect(run.items.map((item) => item.userId)).toEqual(ids);
	expect(run.pairedWith).toEqual(ids.map((_, i) => i));
	expect(ids.map((id) => sandbox().enrollee(PARTNER, id)?.active)).toEqual(ids.map(() => false));
	expect(sandbox().requests()).toHaveLength(12);
});

it('decrypts the credential once per run, not per request, and the credential still signs every request', async () => {
	const ids = Array.from({ length: 12 }, (_, i) => `signed-${i}`);
	ids.forEach((id) => sandbox().addEnrollee(PARTNER, id));
	const decryptions = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
	try {
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: { operation: 'deactivate', userId: '={{ $json.id }}' },
			items: ids.map((id) => ({ id })),
		});

		expect(run.error).toBeUndefined();
		// Once to check that it is complete, once for all the requests.
		expect(decryptions.mock.calls.length).toBeLessThanOrEqual(2);
	} finally {
		decryptions.mockRestore();
	}
	// The sandbox refuses a request whose signature does not match (2205, HTTP 400).
	expect(
		sandbox()
			.requests()
			.map(({ status, hasSignature }) => ({ status, hasSignature })),
	).toEqual(ids.map(() => ({ status: 200, hasSignature: true })));
	expect(ids.map((id) => sandbox().enrollee(PARTNER, id)?.active)).toEqual(ids.map(() => false));
});

it('sends a numeric user ID as its string and trims spaces around it', async () => {
	sandbox().addEnrollee(PARTNER, '12345');
	sandbox().addEnrollee(PARTNER, 'padded');

	const run = await runSmileIdNode({
		credentials: sandboxCredentials(sandbox()),
		parameters: { operation: 'flagFraud', userId: '={{ $json.id }}' },
		items: [{ id: 12345 }, { id: '  padded  ' }],
	});

	expect(run.error).toBeUndefined();
	expect(
		sandbox()
			.requests()
			.map((r) => (r.body as { user_id: unknown }).user_id),
	).toEqual(['12345', 'padded']);
	expect(run.items.map((item) => item.userId)).toEqual(['12345', 'padded']);
});

it('signs with the production key and says "production" when the credential is set to Production', async () => {
	const production = await startSandbox({ serves: 'production' });
	try {
		production.addEnrollee(PARTNER, 'prod-user');
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(production, {
				environment: 'production',
				apiKey: production.partners[0].keys.production,
			}),
			parameters: { operation: 'deactivate', userId: 'prod-user' },
		});
		expect(run.error).toBeUndefined();
		expect(production.requests()[0].body).toMatchObject({ environment: 'production' });
		expect(production.enrollee(PARTNER, 'prod-user')?.active).toBe(false);
	} finally {
		await production.close();
	}
});
