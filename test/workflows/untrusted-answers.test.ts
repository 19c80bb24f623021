import type { ServerResponse } from 'http';

import type { HostileServer, ReceivedRequest } from '../support/hostile-server';
import { answer, startHostileServer } from '../support/hostile-server';
import { runSmileIdNode } from '../support/n8n-engine';

const ENROLLEE_PATH = '/api/v2/partner/enrollee';
/** The changes sent (a write whose answer is lost is also settled by reading the user, on another path). */
const changesSent = (target: HostileServer) =>
	target.received.filter((r) => r.url === ENROLLEE_PATH);

const FAST = { firstRetryDelay: 5, maxRetryWait: 2, timeout: 2 };
const servers: HostileServer[] = [];

async function server(handler: (request: ReceivedRequest, response: ServerResponse) => void) {
	const started = await startHostileServer(handler);
	servers.push(started);
	return started;
}

afterEach(async () => {
	await Promise.all(servers.splice(0).map(async (s) => await s.close()));
});

function credentialsFor(target: HostileServer) {
	return {
		partnerId: '085',
		apiKey: 'hostile-test-key-0123456789',
		email: 'ops@example.com',
		environment: 'sandbox',
		baseUrl: target.url,
	};
}

async function run(
	target: HostileServer,
	options: Record<string, unknown> = {},
	extra: {
		operation?: string;
		items?: Array<{ id: string }>;
		continueOnFail?: boolean;
		cancelSignal?: AbortSignal;
	} = {},
) {
	return await runSmileIdNode({
		credentials: credentialsFor(target),
		parameters: {
			operation: extra.operation ?? 'deactivate',
			userId: extra.items ? '={{ $json.id }}' : 'user-1',
			options: { ...FAST, maxAttempts: 1, ...options },
		},
		items: extra.items,
		continueOnFail: extra.continueOnFail,
		cancelSignal: extra.cancelSignal,
	});
}

describe('redirects are never followed', () => {
	it.each([307, 308])(
		'a %i to another host sends nothing there and names the status and that host',
		async (status) => {
			const stranger = await server((_request, response) =>
				answer(response, 200, { success: true }),
			);
			const smileId = await server((_request, response) =>
				answer(response, status, '', { location: `${stranger.url}/api/v2/partner/enrollee` }),
			);

			const result = await run(smileId, {}, { operation: 'delete', continueOnFail: true });

			expect(stranger.received).toEqual([]);
			expect(smileId.received).toHaveLength(1);
			expect(result.items).toEqual([
				{
					error: expect.objectContaining({
						message: `Smile ID answered with a redirect (HTTP ${status}) to ${stranger.host}; it was not followed`,
						httpCode: String(status),
					}),
				},
			]);
		},
	);

	it.each([301, 302, 303])(
		'a %i is not turned into a GET that a 200 would call done',
		async (status) => {
			const smileId = await server((request, response) =>
				request.method === 'POST'
					? answer(response, status, '', { location: '/elsewhere' })
					: answer(response, 200, { success: true }),
			);

			const result = await run(smileId, {}, { operation: 'delete' });

			expect(smileId.received.map((r) => r.method)).toEqual(['POST']);
			expect(result.items).toEqual([]);
			expect(result.error?.message).toBe(
				`Smile ID answered with a redirect (HTTP ${status}) to ${smileId.host}; it was not followed`,
			);
		},
	);
});

describe('a 2xx is success only when it is a JSON object without a failure signal', () => {
	it('a 200 carrying code 2205 stops the run exactly as a 400 does', async () => {
		const smileId = await server((_request, response) =>
			answer(response, 200, {
				success: false,
				code: '2205',
				error: 'You are not authorized to do that',
			}),
		);

		const result = await run(
			smileId,
			{},
			{ items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], continueOnFail: true },
		);

		expect(smileId.received).toHaveLength(1);
		expect(result.items.map((item) => (item.error as { message: string }).message)).toEqual([
			'Smile ID did not authorize the request (Smile ID code 2205)',
			'Smile ID did not authorize the request (Smile ID code 2205)',
			'Smile ID did not authorize the request (Smile ID code 2205)',
		]);
		expect(result.items.some((item) => item.success === true)).toBe(false);
	});

	it('a 200 carrying code 2210 is not a deletion', async () => {
		const smileId = await server((_request, response) =>
			answer(response, 200, { code: 2210, error: 'No enrolled user found' }),
		);

		const result = await run(smileId, {}, { operation: 'delete' });

		expect(result.items).toEqual([]);
		expect(result.error).toMatchObject({
			message: 'No enrolled user with this User ID (Smile ID code 2210)',
			smileIdCode: '2210',
		});
	});

	it('a 200 {"success": false} without a code is a refusal', async () => {
		const smileId = await server((_request, response) =>
			answer(response, 200, { success: false, message: 'nope' }),
		);
		const result = await run(smileId);
		expect(result.error?.message).toBe('Smile ID refused the request (HTTP 200)');
		expect(result.error?.description).toMatch(/Smile ID said: "nope"/);
	});

	it.each([
		['<!DOCTYPE html><html><body>Welcome to the captive portal</body></html>', 'HTML page'],
		['OK', 'text that is not JSON'],
		['', 'an empty answer'],
		['null', 'null'],
		['[{"success": true}]', 'a list'],
	])('a 200 with %j is "not a Smile ID answer: %s"', async (body, what) => {
		const smileId = await server((_request, response) => answer(response, 200, body));
		const result = await run(smileId, {}, { continueOnFail: true });
		expect(result.items).toEqual([
			{
				error: expect.objectContaining({
					message: `Not a Smile ID answer: ${what} (HTTP 200)`,
					httpCode: '200',
				}),
			},
		]);
	});

	it('a 200 JSON object without a failure signal is done, with what Smile ID said', async () => {
		const smileId = await server((_request, response) =>
			answer(response, 200, { success: true, message: 'User deactivated' }),
		);
		const result = await run(smileId);
		expect(result.items).toEqual([
			{
				userId: 'user-1',
				operation: 'deactivate',
				success: true,
				response: { success: true, message: 'User deactivated' },
			},
		]);
	});
});

describe('an answer is bounded in size and time', () => {
	it('an answer over the size cap is an error, and nothing of it reaches the output', async () => {
		const fiftyMegabytes = JSON.stringify({ success: true, padding: 'x'.repeat(50 * 1024 * 1024) });
		const smileId = await server((_request, response) => answer(response, 200, fiftyMegabytes));
		const result = await run(smileId, { timeout: 30 });
		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe(
			'Smile ID may have applied this change; its answer was lost (it was larger than 4 MB)',
		);
		expect(JSON.stringify(result.run).length).toBeLessThan(100_000);
	});

	it('a 400 whose error is huge is quoted only in part', async () => {
		const smileId = await server((_request, response) =>
			answer(response, 400, { code: '2213', error: 'y'.repeat(1_000_000) }),
		);
		const result = await run(smileId);
		expect(result.error?.message).toBe(
			'Smile ID says a required parameter is missing (Smile ID code 2213)',
		);
		expect(result.error?.description?.length).toBeLessThan(600);
	});

	it('an endless body ends at the size cap, with the connection closed', async () => {
		let connectionClosed: () => void = () => {};
		const closed = new Promise<void>((resolve) => (connectionClosed = resolve));
		const smileId = await server((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.write('{"padding": "');
			const chunk = 'z'.repeat(64 * 1024);
			const pump = () => {
				while (!response.destroyed && response.write(chunk));
				if (!response.destroyed) response.once('drain', pump);
			};
			response.on('close', () => connectionClosed());
			pump();
		});

		const result = await run(smileId, { timeout: 30, maxAttempts: 2 });

		expect(changesSent(smileId)).toHaveLength(1);
		expect(result.error?.message).toBe(
			'Smile ID may have applied this change; its answer was lost (it was larger than 4 MB)',
		);
		await closed; // the node closed it: this test would time out otherwise
	});

	it('a body that drips one byte at a time ends at the Timeout, as a timeout that is retried', async () => {
		const smileId = await server((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			const drip = setInterval(() => response.write(' '), 100);
			response.on('close', () => clearInterval(drip));
		});

		const result = await run(smileId, { timeout: 1, maxAttempts: 2 });

		expect(changesSent(smileId)).toHaveLength(2);
		expect(result.error?.message).toBe(
			'Smile ID may have applied this change; its answer was lost (no complete answer within the Timeout)',
		);
	});
});

describe('an answer lost after sending', () => {
	it('says the change may have been applied, after every retry', async () => {
		const smileId = await server((_request, response) => response.socket?.destroy());
		const result = await run(smileId, { maxAttempts: 3 }, { continueOnFail: true });
		expect(changesSent(smileId)).toHaveLength(3);
		expect(result.items).toEqual([
			{
				error: expect.objectContaining({
					message:
						'Smile ID may have applied this change; its answer was lost (the connection was cut)',
					description: expect.stringMatching(/Gave up after 3 attempts/),
				}),
			},
		]);
	});
});

describe('Stop', () => {
	it('takes effect during a Retry-After wait; the run ends cancelled with one request sent', async () => {
		const stop = new AbortController();
		const smileId = await server((_request, response) => {
			answer(response, 503, { error: 'busy' }, { 'retry-after': '30' });
			// Stops once the answer has surely arrived, so the node is waiting to retry.
			setTimeout(() => stop.abort(), 300);
		});

		const result = await run(
			smileId,
			{ maxAttempts: 5, maxRetryWait: 60 },
			{ cancelSignal: stop.signal },
		);

		expect(smileId.received).toHaveLength(1);
		expect(result.run.status).toBe('canceled');
		expect(JSON.stringify(result.run)).not.toMatch(/Gave up after|could not be reached/);
	}, 10_000);

	it('takes effect while an answer is awaited', async () => {
		const stop = new AbortController();
		const smileId = await server(() => stop.abort());

		const result = await run(
			smileId,
			{ maxAttempts: 5, timeout: 30 },
			{ cancelSignal: stop.signal },
		);

		expect(smileId.received).toHaveLength(1);
		expect(result.run.status).toBe('canceled');
		expect(JSON.stringify(result.run)).not.toMatch(/Gave up after|could not be reached/);
	}, 10_000);
});
