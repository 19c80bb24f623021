import { startSandbox } from '../../../sandbox';
import {
	ENROLLEE_PATH,
	WALLET_PATH,
	enrolleeBody,
	post,
	signed,
} from '../../support/sandbox-requests';
import { useSandbox } from '../../support/fixtures';

describe('sandbox enrollee state', () => {
	const sandbox = useSandbox();

	const act = (userId: string, action: Record<string, unknown>) =>
		post(sandbox().url, ENROLLEE_PATH, enrolleeBody(userId, action));

	it('starts with the seeded enrollees', () => {
		expect(sandbox().enrollee('085', 'user-active-001')).toEqual({
			userId: 'user-active-001',
			partnerId: '085',
			active: true,
			fraudulent: false,
			awaitingReenrollment: false,
			deleted: false,
			history: [],
		});
		expect(sandbox().enrollee('085', 'user-deactivated-001')?.active).toBe(false);
		expect(sandbox().enrollee('085', 'user-fraud-001')?.fraudulent).toBe(true);
		expect(sandbox().enrollee('085', 'user-awaiting-001')?.awaitingReenrollment).toBe(true);
		expect(sandbox().enrollee('085', 'user-deleted-001')?.deleted).toBe(true);
		expect(sandbox().enrollees().length).toBeGreaterThanOrEqual(6);
	});

	it('can start without seeds', async () => {
		const empty = await startSandbox({ seed: false });
		try {
			expect(empty.enrollees()).toEqual([]);
			const r = await post(
				empty.url,
				ENROLLEE_PATH,
				enrolleeBody('user-active-001', { active: false }),
			);
			expect(r.json).toMatchObject({ code: '2210' });
		} finally {
			await empty.close();
		}
	});

	it('allow_new_enroll: true marks the user as waiting for re-enrollment', async () => {
		const r = await act('user-active-001', { allow_new_enroll: true });
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({
			success: true,
			action: 'allow_new_enroll',
			user_id: 'user-active-001',
			partner_id: '085',
		});
		expect(sandbox().enrollee('085', 'user-active-001')).toMatchObject({
			awaitingReenrollment: true,
			active: true,
			history: ['allow_new_enroll'],
		});
	});

	it('active: false deactivates, active: true reactivates', async () => {
		expect((await act('user-active-001', { active: false })).status).toBe(200);
		expect(sandbox().enrollee('085', 'user-active-001')).toMatchObject({
			active: false,
			history: ['active:false'],
		});
		expect((await act('user-active-001', { active: true })).status).toBe(200);
		expect(sandbox().enrollee('085', 'user-active-001')).toMatchObject({
			active: true,
			history: ['active:false', 'active:true'],
		});
	});

	it('reactivates a seeded deactivated user', async () => {
		expect((await act('user-deactivated-001', { active: true })).status).toBe(200);
		expect(sandbox().enrollee('085', 'user-deactivated-001')?.active).toBe(true);
	});

	it('is_fraudulent: true flags, false clears', async () => {
		expect((await act('user-active-001', { is_fraudulent: true })).json).toMatchObject({
			action: 'is_fraudulent:true',
		});
		expect(sandbox().enrollee('085', 'user-active-001')?.fraudulent).toBe(true);
		expect((await act('user-fraud-001', { is_fraudulent: false })).json).toMatchObject({
			action: 'is_fraudulent:false',
		});
		expect(sandbox().enrollee('085', 'user-fraud-001')).toMatchObject({
			fraudulent: false,
			history: ['is_fraudulent:false'],
		});
	});

	it('delete: true marks the user deleted, and later requests answer 2208', async () => {
		const r = await act('user-active-001', { delete: true });
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ success: true, action: 'delete' });
		expect(sandbox().enrollee('085', 'user-active-001')).toMatchObject({
			deleted: true,
			history: ['delete'],
		});
		for (const action of [{ delete: true }, { active: true }, { allow_new_enroll: true }]) {
			const again = await act('user-active-001', action);
			expect(again.status).toBe(400);
			expect(again.json).toEqual({ error: 'Enrolled user is deleted', code: '2208' });
		}
		expect(sandbox().enrollee('085', 'user-active-001')?.history).toEqual(['delete']);
	});

	it('a seeded deleted user answers 2208', async () => {
		const r = await act('user-deleted-001', { active: false });
		expect(r.status).toBe(400);
		expect(r.json).toEqual({ error: 'Enrolled user is deleted', code: '2208' });
	});

	it('an unknown user answers 2210 and is not created', async () => {
		const r = await act('nobody-here', { active: false });
		expect(r.status).toBe(400);
		expect(r.json).toEqual({ error: 'No enrolled user found', code: '2210' });
		expect(sandbox().enrollee('085', 'nobody-here')).toBeUndefined();
	});

	it('user_ids are per partner', async () => {
		const r = await act('user-deactivated-001', { active: true });
		expect(r.status).toBe(200);
		expect(sandbox().enrollee('2100', 'user-deactivated-001')).toBeUndefined();
	});

	it('setting the same flag twice succeeds and leaves the same state, counting both in history', async () => {
		expect((await act('user-active-001', { active: false })).status).toBe(200);
		expect((await act('user-active-001', { active: false })).status).toBe(200);
		expect(sandbox().enrollee('085', 'user-active-001')).toMatchObject({
			active: false,
			history: ['active:false', 'active:false'],
		});
	});

	it('tests can add their own enrollees, which the API then acts on', async () => {
		const added = sandbox().addEnrollee('085', 'my-user', { fraudulent: true });
		expect(added).toMatchObject({
			userId: 'my-user',
			partnerId: '085',
			active: true,
			fraudulent: true,
			deleted: false,
			history: [],
		});
		expect((await act('my-user', { is_fraudulent: false })).status).toBe(200);
		expect(sandbox().enrollee('085', 'my-user')?.fraudulent).toBe(false);
	});

	it('hands out copies: changing a returned state does not change the store', () => {
		const s = sandbox().enrollee('085', 'user-active-001');
		s!.active = false;
		s!.history.push('x');
		expect(sandbox().enrollee('085', 'user-active-001')).toMatchObject({
			active: true,
			history: [],
		});
	});

	it('reset() brings the store back to the seed', async () => {
		await act('user-active-001', { delete: true });
		sandbox().addEnrollee('085', 'extra');
		sandbox().reset();
		expect(sandbox().enrollee('085', 'user-active-001')?.deleted).toBe(false);
		expect(sandbox().enrollee('085', 'extra')).toBeUndefined();
	});
});

describe('sandbox error codes', () => {
	const sandbox = useSandbox();

	const base = () => enrolleeBody('user-active-001', { active: false });
	const without = (field: string) => {
		const b = base();
		delete b[field];
		return b;
	};

	it.each(['{"email": ', 'not json at all', ''])(
		'answers 2203 to a body that is not JSON: %j',
		async (raw) => {
			const r = await post(sandbox().url, ENROLLEE_PATH, raw);
			expect(r.status).toBe(400);
			expect(r.json).toEqual({ error: 'Invalid JSON', code: '2203' });
		},
	);

	it.each(['[1,2]', 'null', '"a string"', '42'])(
		'answers 2203 to JSON that is not an object: %s',
		async (raw) => {
			const r = await post(sandbox().url, ENROLLEE_PATH, raw);
			expect(r.json).toMatchObject({ code: '2203' });
		},
	);

	it('answers 2203 on the wallet endpoint too', async () => {
		const r = await post(sandbox().url, WALLET_PATH, '{oops');
		expect(r.json).toMatchObject({ code: '2203' });
	});

	it.each(['email', 'environment', 'partner_id', 'signature', 'timestamp', 'user_id'])(
		'answers 2213 when %s is missing',
		async (field) => {
			const r = await post(sandbox().url, ENROLLEE_PATH, without(field));
			expect(r.status).toBe(400);
			expect(r.json).toEqual({ error: `Missing required parameter: ${field}`, code: '2213' });
		},
	);

	it('answers 2213 for an empty or null required field', async () => {
		expect(
			(await post(sandbox().url, ENROLLEE_PATH, { ...base(), user_id: '' })).json,
		).toMatchObject({ code: '2213' });
		expect(
			(await post(sandbox().url, ENROLLEE_PATH, { ...base(), email: null })).json,
		).toMatchObject({ code: '2213' });
	});

	it('answers 2213 when no action flag is sent', async () => {
		const r = await post(sandbox().url, ENROLLEE_PATH, without('active'));
		expect(r.status).toBe(400);
		expect(r.json).toMatchObject({ code: '2213' });
	});

	it.each(['environment', 'partner_id', 'signature', 'timestamp'])(
		'answers 2213 on the wallet endpoint when %s is missing',
		async (field) => {
			const b: Record<string, unknown> = signed();
			delete b[field];
			const r = await post(sandbox().url, WALLET_PATH, b);
			expect(r.json).toMatchObject({ code: '2213' });
		},
	);

	const wrongTypes: [string, Record<string, unknown>][] = [
		['active as the string "false"', { active: 'false' }],
		['allow_new_enroll as the string "true"', { active: undefined, allow_new_enroll: 'true' }],
		['delete as the number 1', { active: undefined, delete: 1 }],
		['is_fraudulent as the string "true"', { active: undefined, is_fraudulent: 'true' }],
		['partner_id as the number 85', { partner_id: 85 }],
		['user_id as a number', { user_id: 12345 }],
		['email as an object', { email: { a: 1 } }],
		['allow_new_enroll: false (no action)', { active: undefined, allow_new_enroll: false }],
		['delete: false (no action)', { active: undefined, delete: false }],
		['two action flags', { is_fraudulent: true }],
		['all four action flags', { allow_new_enroll: true, is_fraudulent: false, delete: true }],
	];

	it.each(wrongTypes)('answers 2204 to %s and leaves the store alone', async (_name, change) => {
		const b = { ...base(), ...change };
		for (const k of Object.keys(change)) if (change[k] === undefined) delete b[k];
		const r = await post(sandbox().url, ENROLLEE_PATH, b);
		expect(r.status).toBe(400);
		expect(r.json).toMatchObject({ code: '2204' });
		expect(sandbox().enrollee('085', 'user-active-001')?.history).toEqual([]);
	});

	it('answers 2204 on the wallet endpoint for a non-string currency', async () => {
		const r = await post(sandbox().url, WALLET_PATH, { ...signed(), currency: 1 });
		expect(r.json).toMatchObject({ code: '2204' });
		const ok = await post(sandbox().url, WALLET_PATH, { ...signed(), currency: 'USD' });
		expect(ok.status).toBe(200);
	});

	it('answers 404 to an unknown path and 405 to GET on an API path', async () => {
		expect((await post(sandbox().url, '/api/v2/partner/nope', base())).status).toBe(404);
		const res = await fetch(sandbox().url + ENROLLEE_PATH);
		expect(res.status).toBe(405);
		await res.text();
	});

	it('answers 413 to an oversized body', async () => {
		const small = await startSandbox({ maxBodyBytes: 100 });
		try {
			const r = await post(small.url, ENROLLEE_PATH, { ...base(), pad: 'x'.repeat(200) });
			expect(r.status).toBe(413);
		} finally {
			await small.close();
		}
	});

	it('can write errors in the other documented shape, or with a numeric code, as an option', async () => {
		const status = await startSandbox({ errorStyle: { shape: 'status' } });
		const numeric = await startSandbox({
			errorStyle: { shape: 'error', numericCode: true, successFalse: true, httpStatus: 401 },
		});
		try {
			const a = await post(status.url, ENROLLEE_PATH, { ...base(), signature: 'AAAA' });
			expect(a.status).toBe(400);
			expect(a.json).toEqual({
				status: 'Bad Request',
				message: 'You are not authorized to do that',
			});
			const b = await post(numeric.url, ENROLLEE_PATH, { ...base(), signature: 'AAAA' });
			expect(b.status).toBe(401);
			expect(b.json).toEqual({
				success: false,
				error: 'You are not authorized to do that',
				code: 2205,
			});
		} finally {
			await status.close();
			await numeric.close();
		}
	});
});
