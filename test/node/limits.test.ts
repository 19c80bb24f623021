import type { LoggedRequest } from '../../sandbox';
import { FAST_RETRIES, sandboxCredentials, useSandbox } from '../support/fixtures';
import { runSmileIdNode } from '../support/n8n-engine';

const sandbox = useSandbox();

const PARTNER = '085';

function users(count: number) {
	return Array.from({ length: count }, (_, i) => {
		const id = `limit-${i}`;
		sandbox().addEnrollee(PARTNER, id);
		return { id };
	});
}

async function deactivateAll(items: Array<{ id: string }>, options: Record<string, unknown>) {
	return await runSmileIdNode({
		credentials: sandboxCredentials(sandbox()),
		parameters: {
			operation: 'deactivate',
			userId: '={{ $json.id }}',
			options: { ...FAST_RETRIES, ...options },
		},
		items,
		continueOnFail: true,
	});
}

const arrival = (r: LoggedRequest) => Date.parse(r.time);
const answered = (r: LoggedRequest) => (r.answeredAt ? Date.parse(r.answeredAt) : Infinity);

/** For each request the sandbox answered: how many it was holding when that one arrived, itself included. */
function inFlightAtEachArrival(): number[] {
	const log = sandbox()
		.requests()
		.filter((r) => r.answeredAt);
	return log.map(
		(r) =>
			log.filter((other) => arrival(other) <= arrival(r) && answered(other) > arrival(r)).length,
	);
}

const statuses = () =>
	sandbox()
		.requests()
		.map((r) => r.status);

describe('how many requests the node holds in flight', () => {
	it('sends the first request alone, then doubles per round of answers up to its maximum', async () => {
		const items = users(60);
		sandbox().addDrill({ kind: 'latency', ms: 30 });

		const run = await deactivateAll(items, { maxRequestsInFlight: 16 });

		expect(run.items.every((item) => item.success === true)).toBe(true);
		const inFlight = inFlightAtEachArrival();
		expect(inFlight[0]).toBe(1);
		expect(Math.max(...inFlight)).toBe(16);
		// Doubling reaches 16 within 1 + 2 + 4 + 8 + 16 = 31 requests; growing by one per round would need 136.
		expect(Math.max(...inFlight.slice(0, 40))).toBeGreaterThanOrEqual(12);
	});

	it('grows by one per round, not by doubling, after a request timed out', async () => {
		const items = users(20);
		sandbox().addDrill({ kind: 'hang', times: 1 });
		sandbox().addDrill({ kind: 'latency', ms: 30 });

		const run = await deactivateAll(items, { maxRequestsInFlight: 16, timeout: 1 });

		expect(run.items.every((item) => item.success === true)).toBe(true);
		expect(statuses()[0]).toBeNull();
		// After the timeout: rounds of 1, 2, 3, 4 ... requests, where slow start would send 1, 2, 4, 8.
		expect(Math.max(...inFlightAtEachArrival().slice(0, 10))).toBeLessThanOrEqual(4);
	});

	it('costs one request, not one per slot, when the credential is wrong', async () => {
		const items = users(50);
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox(), { apiKey: 'wrong' }),
			parameters: {
				operation: 'deactivate',
				userId: '={{ $json.id }}',
				options: { maxRequestsInFlight: 50 },
			},
			items,
			continueOnFail: true,
		});
		expect(
			run.items.every((item) => (item.error as { smileIdCode?: string })?.smileIdCode === '2205'),
		).toBe(true);
		expect(sandbox().requests()).toHaveLength(1);
	});
});

describe('under a rate limit it does not know', () => {
	it('learns the rate Smile ID accepts and paces to it: every item done', async () => {
		const items = users(120);
		sandbox().addDrill({ kind: 'rateLimit', perSecond: 30 });
		sandbox().addDrill({ kind: 'latency', ms: 20 });

		const run = await deactivateAll(items, { maxRequestsInFlight: 64, maxAttempts: 10 });

		expect(run.items.filter((item) => item.success !== true)).toEqual([]);
		const log = sandbox().requests();
		const refused = log.filter((r) => r.status === 429);
		expect(refused.length).toBeGreaterThan(0);
		// The refusals come while it learns; after the last one, a third or more of the run goes through paced, unrefused.
		const lastRefusal = Math.max(...refused.map(answered));
		const paced = log.filter((r) => arrival(r) > lastRefusal);
		expect(paced.length).toBeGreaterThan(log.length / 3);
	}, 60_000);

	it('holds back every request of the node while a Retry-After runs, not only the refused one', async () => {
		const items = users(40);
		sandbox().addDrill({ kind: 'latency', ms: 30 });
		sandbox().addDrill({
			kind: 'status',
			status: 503,
			retryAfter: '1',
			share: 0.15,
			seed: 5,
			times: 1,
		});

		const run = await deactivateAll(items, { maxRequestsInFlight: 8, maxRetryWait: 5 });

		expect(run.items.every((item) => item.success === true)).toBe(true);
		const log = sandbox().requests();
		const refusal = log.find((r) => r.status === 503)!;
		expect(log.indexOf(refusal)).toBeGreaterThan(2);
		// Other items were in flight when it was refused ...
		expect(
			log.filter(
				(r) => r !== refusal && arrival(r) <= answered(refusal) && answered(r) > arrival(refusal),
			).length,
		).toBeGreaterThan(0);
		// ... and once the node had read the refusal (allow 250 ms for that), neither they nor the refused item
		// sent anything until the second Smile ID asked for had passed.
		const sinceRefusal = log.map((r) => arrival(r) - answered(refusal)).filter((ms) => ms > 0);
		expect(sinceRefusal.filter((ms) => ms > 250 && ms < 990)).toEqual([]);
		expect(sinceRefusal.filter((ms) => ms >= 990).length).toBeGreaterThan(0);
	});
});
