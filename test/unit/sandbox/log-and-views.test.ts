import { startSandbox } from '../../../sandbox';
import type { EnrolleeState, LoggedRequest } from '../../../sandbox';
import {
	ENROLLEE_PATH,
	WALLET_PATH,
	enrolleeBody,
	get,
	post,
	signed,
} from '../../support/sandbox-requests';
import { useSandbox } from '../../support/fixtures';

describe('sandbox request log', () => {
	const sandbox = useSandbox();

	it('records every request in arrival order, without the signature', async () => {
		const body = enrolleeBody('user-active-001', { active: false });
		await post(sandbox().url, ENROLLEE_PATH, body);
		await post(sandbox().url, WALLET_PATH, signed());
		const log = sandbox().requests();
		expect(log).toHaveLength(2);
		const { signature: _sig, ...withoutSig } = body;
		void _sig;
		expect(log[0]).toMatchObject({
			method: 'POST',
			path: ENROLLEE_PATH,
			body: withoutSig,
			hasSignature: true,
			contentType: 'application/json',
			status: 200,
			response: { success: true, action: 'active:false', user_id: 'user-active-001' },
		});
		expect(log[0].body).not.toHaveProperty('signature');
		expect(JSON.stringify(log)).not.toContain(body.signature as string);
		expect(Date.parse(log[0].time)).toBeLessThanOrEqual(Date.parse(log[1].time));
		expect(log[1]).toMatchObject({
			path: WALLET_PATH,
			status: 200,
			response: { wallet_balance: 500 },
		});
	});

	it('records refusals with their answer and reason, and unsigned bodies as such', async () => {
		const { signature: _s, ...unsigned } = enrolleeBody('user-active-001', { active: false });
		void _s;
		await post(sandbox().url, ENROLLEE_PATH, unsigned);
		const [entry] = sandbox().requests();
		expect(entry).toMatchObject({
			hasSignature: false,
			status: 400,
			response: { error: 'Missing required parameter: signature', code: '2213' },
			reason: '2213: signature is missing',
		});
	});

	it('records the raw text of a body that did not parse', async () => {
		await post(sandbox().url, ENROLLEE_PATH, '{"user_id": "x", "signature": "secret');
		expect(sandbox().requests()[0]).toMatchObject({
			body: '{"user_id": "x", "signature": "secret',
			status: 400,
			response: { code: '2203' },
		});
	});

	it('hands out copies and can be cleared on its own', async () => {
		await post(sandbox().url, WALLET_PATH, signed());
		const log = sandbox().requests();
		(log[0] as { status: number | null }).status = 999;
		expect(sandbox().requests()[0].status).toBe(200);
		sandbox().addEnrollee('085', 'kept');
		sandbox().clearRequests();
		expect(sandbox().requests()).toEqual([]);
		expect(sandbox().enrollee('085', 'kept')).toBeDefined();
	});

	it('does not log the /__sandbox routes', async () => {
		await get(sandbox().url, '/__sandbox/requests');
		await get(sandbox().url, '/__sandbox/enrollees');
		expect(sandbox().requests()).toEqual([]);
	});
});

describe('sandbox HTTP views', () => {
	const sandbox = useSandbox();

	it('GET /__sandbox/health and /__sandbox/partners', async () => {
		expect((await get(sandbox().url, '/__sandbox/health')).json).toEqual({
			ok: true,
			serves: 'test',
		});
		const partners = (await get(sandbox().url, '/__sandbox/partners')).json as {
			partnerId: string;
		}[];
		expect(partners[0].partnerId).toBe('085');
	});

	it('GET /__sandbox/requests returns the same log as requests()', async () => {
		await post(
			sandbox().url,
			ENROLLEE_PATH,
			enrolleeBody('user-active-001', { is_fraudulent: true }),
		);
		const r = await get(sandbox().url, '/__sandbox/requests');
		expect(r.status).toBe(200);
		expect(r.json).toEqual(sandbox().requests());
		expect((r.json as LoggedRequest[])[0].body).not.toHaveProperty('signature');
	});

	it('DELETE /__sandbox/requests clears the log', async () => {
		await post(sandbox().url, WALLET_PATH, signed());
		const res = await fetch(`${sandbox().url}/__sandbox/requests`, { method: 'DELETE' });
		expect(res.status).toBe(200);
		await res.text();
		expect(sandbox().requests()).toEqual([]);
	});

	it('GET /__sandbox/enrollees and one enrollee', async () => {
		await post(sandbox().url, ENROLLEE_PATH, enrolleeBody('user-active-001', { active: false }));
		const all = (await get(sandbox().url, '/__sandbox/enrollees')).json as EnrolleeState[];
		expect(all).toEqual(sandbox().enrollees());
		const one = await get(sandbox().url, '/__sandbox/enrollees/085/user-active-001');
		expect(one.json).toMatchObject({
			partnerId: '085',
			userId: 'user-active-001',
			active: false,
			history: ['active:false'],
		});
		expect((await get(sandbox().url, '/__sandbox/enrollees/085/nobody')).status).toBe(404);
	});

	it('POST /__sandbox/enrollees adds an enrollee the API then knows', async () => {
		const r = await post(sandbox().url, '/__sandbox/enrollees', {
			partnerId: '085',
			userId: 'e2e user/1',
			active: false,
		});
		expect(r.status).toBe(201);
		expect(r.json).toMatchObject({
			partnerId: '085',
			userId: 'e2e user/1',
			active: false,
			deleted: false,
		});
		const act = await post(
			sandbox().url,
			ENROLLEE_PATH,
			enrolleeBody('e2e user/1', { active: true }),
		);
		expect(act.status).toBe(200);
		const view = await get(
			sandbox().url,
			`/__sandbox/enrollees/085/${encodeURIComponent('e2e user/1')}`,
		);
		expect(view.json).toMatchObject({ active: true });
		expect((await post(sandbox().url, '/__sandbox/enrollees', { partnerId: '085' })).status).toBe(
			400,
		);
	});

	it('POST /__sandbox/drills arms one drill or a list; GET lists; DELETE clears', async () => {
		const one = await post(sandbox().url, '/__sandbox/drills', {
			kind: 'status',
			status: 503,
			times: 1,
		});
		expect(one.status).toBe(201);
		expect((await post(sandbox().url, WALLET_PATH, signed())).status).toBe(503);
		expect((await post(sandbox().url, WALLET_PATH, signed())).status).toBe(200);
		const two = await post(sandbox().url, '/__sandbox/drills', [
			{ kind: 'html' },
			{ kind: 'latency', ms: 1 },
		]);
		expect(two.status).toBe(201);
		expect(((await get(sandbox().url, '/__sandbox/drills')).json as unknown[]).length).toBe(2);
		expect((await post(sandbox().url, WALLET_PATH, signed())).status).toBe(502);
		const res = await fetch(`${sandbox().url}/__sandbox/drills`, { method: 'DELETE' });
		await res.text();
		expect((await get(sandbox().url, '/__sandbox/drills')).json).toEqual([]);
		expect((await post(sandbox().url, WALLET_PATH, signed())).status).toBe(200);
	});

	it('POST /__sandbox/drills refuses a bad drill with 400 and arms nothing', async () => {
		const r = await post(sandbox().url, '/__sandbox/drills', [
			{ kind: 'html' },
			{ kind: 'explode' },
		]);
		expect(r.status).toBe(400);
		expect(r.json).toMatchObject({ error: expect.stringMatching(/unknown drill kind/) });
		expect((await get(sandbox().url, '/__sandbox/drills')).json).toEqual([]);
		expect((await post(sandbox().url, '/__sandbox/drills', 'not json')).status).toBe(400);
	});

	it('POST /__sandbox/reset clears the log, drills and store', async () => {
		await post(sandbox().url, ENROLLEE_PATH, enrolleeBody('user-active-001', { delete: true }));
		await post(sandbox().url, '/__sandbox/drills', { kind: 'status', status: 500 });
		expect((await post(sandbox().url, '/__sandbox/reset', '')).status).toBe(200);
		expect(sandbox().requests()).toEqual([]);
		expect(sandbox().enrollee('085', 'user-active-001')?.deleted).toBe(false);
		expect((await post(sandbox().url, WALLET_PATH, signed())).status).toBe(200);
	});

	it('unknown /__sandbox routes answer 404, a known one with another method 405', async () => {
		expect((await get(sandbox().url, '/__sandbox/nope')).status).toBe(404);
		const res = await fetch(`${sandbox().url}/__sandbox/reset`);
		expect(res.status).toBe(405);
		expect(res.headers.get('allow')).toBe('POST');
	});

	it('GET / answers an index of every route, unlogged', async () => {
		const index = (await get(sandbox().url, '/')).json as {
			routes: { method: string; path: string; summary: string }[];
		};
		const routes = index.routes.map((r) => `${r.method} ${r.path}`);
		expect(routes).toEqual(
			expect.arrayContaining([
				'GET /',
				`POST ${ENROLLEE_PATH}`,
				`POST ${WALLET_PATH}`,
				'GET /__sandbox/health',
				'POST /__sandbox/drills',
				'GET /__sandbox/enrollees/:partnerId/:userId',
				'POST /__sandbox/reset',
			]),
		);
		expect(index.routes.every((r) => r.summary.length > 0)).toBe(true);
		expect(sandbox().requests()).toEqual([]);
	});

	it('refuses to listen beyond loopback', async () => {
		await expect(startSandbox({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
	});
});
