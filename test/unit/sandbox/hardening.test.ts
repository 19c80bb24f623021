import http from 'http';

import { startSandbox } from '../../../sandbox';
import { useSandbox } from '../../support/fixtures';
import { ENROLLEE_PATH, enrolleeBody, get, post } from '../../support/sandbox-requests';

/** A raw request, so that the Host header and the content type are exactly what a browser page could send. */
async function request(
	url: string,
	path: string,
	init: { method: string; headers?: Record<string, string>; body?: string },
) {
	return await new Promise<{ status: number; text: string }>((resolve, reject) => {
		const req = http.request(
			`${url}${path}`,
			{ method: init.method, headers: init.headers },
			(res) => {
				let text = '';
				res.on('data', (chunk: Buffer) => (text += chunk.toString()));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
			},
		);
		req.on('error', reject);
		req.end(init.body);
	});
}

describe('sandbox hardening', () => {
	const sandbox = useSandbox();

	it('answers JSON nested far too deep with a 400, and keeps none of it', async () => {
		for (const depth of [20_000, 200_000]) {
			const deep = `{"user_id": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
			const reply = await post(sandbox().url, ENROLLEE_PATH, deep);
			expect(reply.status).toBe(400);
		}
		expect(
			sandbox()
				.enrollees()
				.some((e) => typeof e.userId !== 'string'),
		).toBe(false);
		const log = await get(sandbox().url, '/__sandbox/requests');
		expect(log.status).toBe(200);
		expect(log.text.length).toBeLessThan(10_000);
	});

	it('keeps the newest requests only, and says how many older ones it dropped', async () => {
		const small = await startSandbox({ maxLoggedRequests: 3 });
		try {
			for (const userId of ['u-1', 'u-2', 'u-3', 'u-4', 'u-5']) {
				await post(small.url, ENROLLEE_PATH, enrolleeBody(userId, { active: false }));
			}
			expect(small.requests().map((r) => (r.body as { user_id: string }).user_id)).toEqual([
				'u-3',
				'u-4',
				'u-5',
			]);
			const log = await get(small.url, '/__sandbox/requests');
			expect(log.headers.get('x-sandbox-dropped-requests')).toBe('2');
		} finally {
			await small.close();
		}
	});

	it.each(['evil.example', 'evil.example:80', '127.0.0.1.evil.example'])(
		'does not hand out the keys to Host %s (DNS rebinding)',
		async (host) => {
			const reply = await request(sandbox().url, '/__sandbox/partners', {
				method: 'GET',
				headers: { Host: host },
			});
			expect(reply.status).toBe(403);
			expect(reply.text).not.toContain(sandbox().partners[0].keys.test);
		},
	);

	it.each(['localhost', '127.0.0.1', '[::1]'])(
		'answers the admin routes for Host %s',
		async (host) => {
			const reply = await request(sandbox().url, '/__sandbox/partners', {
				method: 'GET',
				headers: { Host: `${host}:1234` },
			});
			expect(reply.status).toBe(200);
		},
	);

	it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
		'refuses an admin post of %s, as a cross-site form would send it',
		async (contentType) => {
			sandbox().addDrill({ kind: 'status', status: 503 });
			const reply = await request(sandbox().url, '/__sandbox/reset', {
				method: 'POST',
				headers: { 'Content-Type': contentType },
				body: '',
			});
			expect(reply.status).toBe(415);
			expect(
				(
					await post(
						sandbox().url,
						ENROLLEE_PATH,
						enrolleeBody('user-active-001', { active: false }),
					)
				).status,
			).toBe(503);
		},
	);
});
