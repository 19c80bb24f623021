import http from 'http';

import { RATE_LIMIT_BODY, seededRandom, startSandbox } from '../../../sandbox';
import {
	ENROLLEE_PATH,
	PARTNER,
	WALLET_PATH,
	enrolleeBody,
	post,
	signed,
} from '../../support/sandbox-requests';
import { useSandbox } from '../../support/fixtures';

/** Sends a request with Node's http module and reports how it ended. */
function rawPost(
	url: string,
	path: string,
	body: unknown,
	timeoutMs: number,
): Promise<{ outcome: 'answered' | 'error' | 'timeout'; status?: number; error?: string }> {
	return new Promise((resolve) => {
		const req = http.request(
			url + path,
			{ method: 'POST', headers: { 'Content-Type': 'application/json' } },
			(res) => {
				res.resume();
				res.on('end', () => resolve({ outcome: 'answered', status: res.statusCode }));
			},
		);
		req.setTimeout(timeoutMs, () => {
			resolve({ outcome: 'timeout' });
			req.destroy();
		});
		req.on('error', (e: NodeJS.ErrnoException) =>
			resolve({ outcome: 'error', error: e.code ?? e.message }),
		);
		req.end(JSON.stringify(body));
	});
}

describe('sandbox failure drills', () => {
	const sandbox = useSandbox();

	const wallet = () => post(sandbox().url, WALLET_PATH, signed());

	it('latency: delays the answer, which is still the normal one', async () => {
		sandbox().addDrill({ kind: 'latency', ms: 400, times: 1 });
		const t0 = Date.now();
		const r = await wallet();
		expect(Date.now() - t0).toBeGreaterThanOrEqual(350);
		expect(r.status).toBe(200);
		expect(sandbox().requests()[0].drill).toBe('latency');
		const second = await wallet();
		expect(second.status).toBe(200);
		expect(sandbox().requests()[1].drill).toBeUndefined();
	});

	it('latency with jitter: waits at least the fixed part, differently per request', async () => {
		sandbox().addDrill({ kind: 'latency', ms: 150, jitterMs: 300, seed: 7 });
		const t0 = Date.now();
		await wallet();
		expect(Date.now() - t0).toBeGreaterThanOrEqual(120);
		expect(sandbox().requests()[0].drill).toBe('latency');
		// the seeded jitter differs from draw to draw
		const r = seededRandom(7);
		expect(r()).not.toBe(r());
	});

	it("status 429 without Retry-After answers Smile ID's rate-limit body", async () => {
		sandbox().addDrill({ kind: 'status', status: 429, times: 1 });
		const r = await wallet();
		expect(r.status).toBe(429);
		expect(r.headers.get('retry-after')).toBeNull();
		expect(r.json).toEqual(RATE_LIMIT_BODY);
		expect((await wallet()).status).toBe(200);
	});

	it('status 429 with Retry-After in seconds or as an HTTP date', async () => {
		sandbox().addDrill({ kind: 'status', status: 429, retryAfter: 2, times: 1 });
		const date = new Date(Date.now() + 3000).toUTCString();
		sandbox().addDrill({ kind: 'status', status: 429, retryAfter: date, times: 1 });
		const a = await wallet();
		expect(a.status).toBe(429);
		expect(a.headers.get('retry-after')).toBe('2');
		const b = await wallet();
		expect(b.status).toBe(429);
		expect(b.headers.get('retry-after')).toBe(date);
	});

	it.each([500, 502, 503])(
		'status %i for the next 2 requests, then normal again',
		async (status) => {
			sandbox().addDrill({ kind: 'status', status, times: 2 });
			expect((await wallet()).status).toBe(status);
			expect((await wallet()).status).toBe(status);
			expect((await wallet()).status).toBe(200);
			expect(
				sandbox()
					.requests()
					.map((q) => q.status),
			).toEqual([status, status, 200]);
		},
	);

	it('status with a Smile ID system error code, or a custom body', async () => {
		sandbox().addDrill({ kind: 'status', status: 500, code: '2201', times: 1 });
		sandbox().addDrill({ kind: 'status', status: 503, body: 'upstream down', times: 1 });
		const a = await wallet();
		expect(a.json).toMatchObject({ code: '2201' });
		const b = await wallet();
		expect(b.status).toBe(503);
		expect(b.text).toBe('upstream down');
	});

	it('a status drill for the whole run keeps failing and leaves the store alone', async () => {
		sandbox().addDrill({ kind: 'status', status: 500 });
		for (let i = 0; i < 5; i++) {
			expect(
				(
					await post(
						sandbox().url,
						ENROLLEE_PATH,
						enrolleeBody('user-active-001', { active: false }),
					)
				).status,
			).toBe(500);
		}
		expect(sandbox().enrollee('085', 'user-active-001')?.history).toEqual([]);
		sandbox().clearDrills();
		expect((await wallet()).status).toBe(200);
	});

	it('a share of requests, deterministic for a seed', async () => {
		const pattern = async (): Promise<number[]> => {
			sandbox().reset();
			sandbox().addDrill({ kind: 'status', status: 503, share: 0.5, seed: 42 });
			const out: number[] = [];
			for (let i = 0; i < 20; i++) out.push((await wallet()).status);
			return out;
		};
		const first = await pattern();
		const second = await pattern();
		expect(second).toEqual(first);
		const failed = first.filter((s) => s === 503).length;
		expect(failed).toBeGreaterThan(0);
		expect(failed).toBeLessThan(20);
		const rnd = seededRandom(42);
		expect(first).toEqual(first.map(() => (rnd() < 0.5 ? 503 : 200)));
	});

	it('share 0 never fires and share 1 always does', async () => {
		sandbox().addDrill({ kind: 'status', status: 500, share: 0 });
		expect((await wallet()).status).toBe(200);
		sandbox().clearDrills();
		sandbox().addDrill({ kind: 'status', status: 500, share: 1 });
		expect((await wallet()).status).toBe(500);
	});

	it('paths limits a drill to one endpoint', async () => {
		sandbox().addDrill({ kind: 'status', status: 502, paths: [ENROLLEE_PATH] });
		expect((await wallet()).status).toBe(200);
		expect(
			(await post(sandbox().url, ENROLLEE_PATH, enrolleeBody('user-active-001', { active: false })))
				.status,
		).toBe(502);
	});

	it('reset: destroys the connection without an answer', async () => {
		sandbox().addDrill({ kind: 'reset', times: 1 });
		await expect(wallet()).rejects.toThrow();
		const r = await rawPost(sandbox().url, WALLET_PATH, signed(), 5000);
		expect(r).toEqual({ outcome: 'answered', status: 200 });
		expect(
			sandbox()
				.requests()
				.map((q) => [q.status, q.drill]),
		).toEqual([
			[null, 'reset'],
			[200, undefined],
		]);
	});

	it('reset after processing: the store changed although the client saw no answer', async () => {
		sandbox().addDrill({ kind: 'reset', times: 1, afterProcessing: true });
		const lost = await rawPost(
			sandbox().url,
			ENROLLEE_PATH,
			enrolleeBody('user-active-001', { delete: true }),
			5000,
		);
		expect(lost.outcome).toBe('error');
		expect(sandbox().enrollee('085', 'user-active-001')?.deleted).toBe(true);
		const retry = await post(
			sandbox().url,
			ENROLLEE_PATH,
			enrolleeBody('user-active-001', { delete: true }),
		);
		expect(retry.json).toMatchObject({ code: '2208' });
	});

	it('hang: never answers; the client times out; the server keeps serving others', async () => {
		sandbox().addDrill({ kind: 'hang', times: 1 });
		const r = await rawPost(sandbox().url, WALLET_PATH, signed(), 300);
		expect(r.outcome).toBe('timeout');
		expect((await wallet()).status).toBe(200);
		expect(sandbox().requests()[0]).toMatchObject({ status: null, drill: 'hang' });
	});

	it('hang: close() ends hanging connections promptly', async () => {
		const own = await startSandbox();
		own.addDrill({ kind: 'hang' });
		const pending = rawPost(own.url, WALLET_PATH, signed(), 30_000);
		const pending2 = rawPost(own.url, WALLET_PATH, signed(), 30_000);
		while (own.requests().length < 2) await new Promise((r) => setTimeout(r, 10));
		const t0 = Date.now();
		await own.close();
		expect(Date.now() - t0).toBeLessThan(5000);
		expect((await pending).outcome).toBe('error');
		expect((await pending2).outcome).toBe('error');
	});

	it('close() also ends a request waiting in a latency drill', async () => {
		const own = await startSandbox();
		own.addDrill({ kind: 'latency', ms: 60_000 });
		const pending = rawPost(own.url, WALLET_PATH, signed(), 30_000);
		while (own.requests().length < 1) await new Promise((r) => setTimeout(r, 10));
		const t0 = Date.now();
		await own.close();
		expect(Date.now() - t0).toBeLessThan(5000);
		expect((await pending).outcome).toBe('error');
	});

	it('html: an HTML error page, as a proxy would send', async () => {
		sandbox().addDrill({ kind: 'html', times: 1 });
		sandbox().addDrill({ kind: 'html', status: 504, times: 1 });
		const a = await wallet();
		expect(a.status).toBe(502);
		expect(a.headers.get('content-type')).toMatch(/text\/html/);
		expect(a.text).toMatch(/<html>[\s\S]*502 Bad Gateway/);
		expect(a.json).toBeUndefined();
		const b = await wallet();
		expect(b.status).toBe(504);
	});

	it('malformedJson: claims JSON, does not parse', async () => {
		sandbox().addDrill({ kind: 'malformedJson', times: 1 });
		const r = await wallet();
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/application\/json/);
		expect(() => JSON.parse(r.text)).toThrow();
		expect(sandbox().requests()[0]).toMatchObject({ status: 200, drill: 'malformedJson' });
	});

	it('malformedJson after processing: the action reached the store', async () => {
		sandbox().addDrill({ kind: 'malformedJson', afterProcessing: true, times: 1 });
		const r = await post(
			sandbox().url,
			ENROLLEE_PATH,
			enrolleeBody('user-active-001', { active: false }),
		);
		expect(() => JSON.parse(r.text)).toThrow();
		expect(sandbox().enrollee('085', 'user-active-001')?.history).toEqual(['active:false']);
	});

	it('rateLimit: above R requests per second it answers 429, then recovers', async () => {
		let clock = Date.now();
		const own = await startSandbox({ now: () => clock });
		try {
			own.addDrill({ kind: 'rateLimit', perSecond: 3 });
			const body = () => signed(PARTNER, 'test', new Date(clock).toISOString());
			const statuses: number[] = [];
			for (let i = 0; i < 5; i++) statuses.push((await post(own.url, WALLET_PATH, body())).status);
			expect(statuses).toEqual([200, 200, 200, 429, 429]);
			const limited = await post(own.url, WALLET_PATH, body());
			expect(limited.json).toEqual(RATE_LIMIT_BODY);
			expect(limited.headers.get('retry-after')).toBeNull();
			clock += 1001;
			expect((await post(own.url, WALLET_PATH, body())).status).toBe(200);
			expect(own.requests().filter((q) => q.drill === 'rateLimit').length).toBe(3);
		} finally {
			await own.close();
		}
	});

	it('rateLimit with Retry-After, under a real burst', async () => {
		sandbox().addDrill({ kind: 'rateLimit', perSecond: 2, retryAfter: 1 });
		const replies = await Promise.all(Array.from({ length: 8 }, () => wallet()));
		const limited = replies.filter((r) => r.status === 429);
		// 8 requests fired at once: at most 2 per second pass; allow for a very slow machine
		expect(limited.length).toBeGreaterThanOrEqual(4);
		expect(limited[0].headers.get('retry-after')).toBe('1');
	});

	it('errorStyle: the next refusal in the other documented shape, then back to the default', async () => {
		sandbox().addDrill({ kind: 'errorStyle', shape: 'status', times: 1 });
		sandbox().addDrill({
			kind: 'errorStyle',
			shape: 'error',
			numericCode: true,
			successFalse: true,
			times: 1,
			paths: [ENROLLEE_PATH],
		});
		const a = await post(sandbox().url, WALLET_PATH, { ...signed(), signature: 'AAAA' });
		expect(a.json).toEqual({ status: 'Bad Request', message: 'You are not authorized to do that' });
		const b = await post(sandbox().url, ENROLLEE_PATH, enrolleeBody('nobody', { active: false }));
		expect(b.json).toEqual({ success: false, error: 'No enrolled user found', code: 2210 });
		const c = await post(sandbox().url, ENROLLEE_PATH, enrolleeBody('nobody', { active: false }));
		expect(c.json).toEqual({ error: 'No enrolled user found', code: '2210' });
	});

	it('latency combines with a failure', async () => {
		sandbox().addDrill({ kind: 'latency', ms: 200, times: 1 });
		sandbox().addDrill({ kind: 'status', status: 503, times: 1 });
		const t0 = Date.now();
		const r = await wallet();
		expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
		expect(r.status).toBe(503);
		expect(sandbox().requests()[0].drill).toBe('latency,status');
	});

	it('a failure before processing does not use up a failure after processing', async () => {
		sandbox().addDrill({ kind: 'malformedJson', afterProcessing: true, times: 1 });
		sandbox().addDrill({ kind: 'status', status: 503, times: 1 });
		const first = await post(
			sandbox().url,
			ENROLLEE_PATH,
			enrolleeBody('user-active-001', { active: false }),
		);
		expect(first.status).toBe(503);
		expect(sandbox().enrollee('085', 'user-active-001')?.history).toEqual([]);
		const second = await post(
			sandbox().url,
			ENROLLEE_PATH,
			enrolleeBody('user-active-001', { active: false }),
		);
		expect(() => JSON.parse(second.text)).toThrow();
		expect(sandbox().enrollee('085', 'user-active-001')?.history).toEqual(['active:false']);
		expect(
			sandbox()
				.requests()
				.map((q) => q.drill),
		).toEqual(['status', 'malformedJson']);
	});

	it('refuses malformed drills', () => {
		expect(() => sandbox().addDrill({ kind: 'nope' } as never)).toThrow(/unknown drill kind/);
		expect(() => sandbox().addDrill({ kind: 'status', status: 200 })).toThrow(/status/);
		expect(() => sandbox().addDrill({ kind: 'latency', ms: -1 })).toThrow(/ms/);
		expect(() => sandbox().addDrill({ kind: 'hang', share: 2 })).toThrow(/share/);
		expect(() => sandbox().addDrill({ kind: 'hang', times: 0 })).toThrow(/times/);
		expect(() => sandbox().addDrill({ kind: 'latency', ms: 1, afterProcessing: true })).toThrow(
			/afterProcessing/,
		);
		expect(() => sandbox().addDrill({ kind: 'rateLimit', perSecond: 0 })).toThrow(/perSecond/);
	});

	it('clearDrills and reset remove drills', async () => {
		sandbox().addDrill({ kind: 'status', status: 500 });
		sandbox().reset();
		expect((await wallet()).status).toBe(200);
	});
});
