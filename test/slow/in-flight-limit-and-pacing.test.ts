import type { LoggedRequest } from '../../sandbox';
import { sandboxCredentials, useSandbox } from '../support/fixtures';
import { runSmileIdNode } from '../support/n8n-engine';
import { peakInFlight } from '../support/sandbox-log';

// Each test reads the whole log of its run.
const sandbox = useSandbox({ maxLoggedRequests: 20_000 });

const PARTNER = '085';

function users(count: number) {
	return Array.from({ length: count }, (_, i) => {
		const id = `limits-${i}`;
		sandbox().addEnrollee(PARTNER, id);
		return { id };
	});
}

async function deactivateAll(count: number, options: Record<string, unknown> = {}) {
	return await runSmileIdNode({
		credentials: sandboxCredentials(sandbox()),
		parameters: {
			operation: 'deactivate',
			userId: '={{ $json.id }}',
			options: { firstRetryDelay: 50, ...options },
		},
		items: users(count),
		continueOnFail: true,
	});
}

const failedItems = (run: Awaited<ReturnType<typeof deactivateAll>>) =>
	run.items.filter((item) => item.success !== true);
const arrival = (request: LoggedRequest) => Date.parse(request.time);

it('sends one request, not one per slot, when Smile ID refuses the credential', async () => {
	const run = await runSmileIdNode({
		credentials: sandboxCredentials(sandbox(), { apiKey: 'not-the-key' }),
		parameters: { operation: 'deactivate', userId: '={{ $json.id }}' },
		items: users(40),
		continueOnFail: true,
	});
	expect(failedItems(run)).toHaveLength(40);
	expect(sandbox().requests()).toHaveLength(1);
});

it('doubles the requests in flight with each round of answers (slow start)', async () => {
	sandbox().addDrill({ kind: 'latency', ms: 150 });
	// 1 + 2 + 4 + 8 + 16 requests: five rounds, the last one sixteen at once.
	const run = await deactivateAll(31, { maxRequestsInFlight: 100 });
	expect(failedItems(run)).toEqual([]);
	expect(peakInFlight(sandbox().requests())).toBe(16);
});

it('leaves slow start after a timeout and grows by one per round from then on', async () => {
	sandbox().addDrill({ kind: 'hang', times: 1 });
	sandbox().addDrill({ kind: 'latency', ms: 100 });
	const run = await deactivateAll(60, { maxRequestsInFlight: 100, timeout: 1 });
	expect(failedItems(run)).toEqual([]);
	// Doubling would reach 32 at once; growing by one from one reaches 11 for 60 requests.
	expect(peakInFlight(sandbox().requests())).toBeLessThanOrEqual(11);
});

it('paces itself to a rate limit it was not told: after the first second, few 429s', async () => {
	sandbox().addDrill({ kind: 'latency', ms: 50 });
	sandbox().addDrill({ kind: 'rateLimit', perSecond: 20 });
	const run = await deactivateAll(300);
	expect(failedItems(run)).toEqual([]);
	const requests = sandbox().requests();
	// Finding the limit costs about one second's worth of refusals; the node may not know it before.
	const learnedBy = arrival(requests.find((r) => r.status === 429)!) + 1000;
	const afterwards = requests.filter((r) => arrival(r) > learnedBy);
	const refusedAfterwards = afterwards.filter((r) => r.status === 429);
	// Halving the requests in flight alone drew a 429 for one request in five here.
	expect(refusedAfterwards.length / afterwards.length).toBeLessThanOrEqual(0.03);
}, 60_000);

it('holds back every request of the node while Smile ID asks one of them to wait (Retry-After)', async () => {
	sandbox().addDrill({ kind: 'latency', ms: 30 });
	sandbox().addDrill({
		kind: 'status',
		status: 429,
		retryAfter: '1',
		times: 1,
		share: 0.1,
		seed: 4,
	});
	const run = await deactivateAll(80, { maxRequestsInFlight: 8 });
	expect(failedItems(run)).toEqual([]);
	const requests = sandbox().requests();
	const refused = requests.find((r) => r.status === 429)!;
	const askedUntil = Date.parse(refused.answeredAt!) + 1000;
	// Requests already on their way when the 429 left may still arrive; none is sent after it until the second has passed.
	const sentDuringTheWait = requests.filter(
		(r) => arrival(r) > Date.parse(refused.answeredAt!) + 100 && arrival(r) < askedUntil - 50,
	);
	expect(sentDuringTheWait).toEqual([]);
	expect(requests.filter((r) => arrival(r) >= askedUntil - 50).length).toBeGreaterThan(0);
});
