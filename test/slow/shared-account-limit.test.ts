import type { LoggedRequest } from '../../sandbox';
import { ACCOUNT_IDLE_MS, MOST_ACCOUNTS } from '../../nodes/SmileId/transport/accountLimits';
import { sandboxCredentials, useSandbox } from '../support/fixtures';
import { runSmileIdNode } from '../support/n8n-engine';
import { busiestWindow } from '../support/sandbox-log';

// Every execution of one test shares what this process learned about the sandbox's account.
const sandbox = useSandbox({ maxLoggedRequests: 20_000 });

const PARTNER = '085';
let nextUser = 0;

function users(count: number) {
	return Array.from({ length: count }, () => {
		const id = `shared-${nextUser++}`;
		sandbox().addEnrollee(PARTNER, id);
		return { id };
	});
}

/** One execution that deactivates `count` users; the requests the sandbox received meanwhile. */
async function execution(count: number, credentials = {}) {
	const before = sandbox().requests().length;
	const run = await runSmileIdNode({
		credentials: sandboxCredentials(sandbox(), credentials),
		parameters: {
			operation: 'deactivate',
			userId: '={{ $json.id }}',
			options: { firstRetryDelay: 50 },
		},
		items: users(count),
		continueOnFail: true,
	});
	const requests = sandbox().requests().slice(before);
	return { failed: run.items.filter((item) => item.success !== true), requests };
}

const refused = (requests: LoggedRequest[]) => requests.filter((r) => r.status === 429);
/** With 300 ms latency, the requests of one round of answers arrive within 150 ms. */
const biggestRound = (requests: LoggedRequest[]) => busiestWindow(requests, 150);

afterEach(() => jest.restoreAllMocks());

it('starts a second execution with as many in flight as the first one reached', async () => {
	sandbox().addDrill({ kind: 'latency', ms: 300 });
	// Alone, at 300 ms, 30 items go 1, 4, 16, then 9 (the tests below); the first execution reaches 40.
	const first = await execution(61);
	const second = await execution(30);
	expect([...first.failed, ...second.failed]).toEqual([]);
	// Its first answer proves the second one's credential; the other 29 leave together.
	expect(biggestRound(second.requests)).toBe(29);
});

it('starts a second execution at the rate the first one learned from 429s', async () => {
	sandbox().addDrill({ kind: 'latency', ms: 50 });
	sandbox().addDrill({ kind: 'rateLimit', perSecond: 20 });
	const first = await execution(100);
	const second = await execution(100);
	expect([...first.failed, ...second.failed]).toEqual([]);
	// Learning the limit cost the first one a burst of refusals; the second starts paced, and only
	// its probes for a higher limit are refused (a few at a time).
	expect(refused(second.requests).length).toBeLessThan(refused(first.requests).length / 2);
}, 60_000);

it('still sends one request for a refused key of an account it knows', async () => {
	sandbox().addDrill({ kind: 'latency', ms: 50 });
	await execution(40);
	const wrongKey = await execution(40, { apiKey: 'not-the-key' });
	expect(wrongKey.failed).toHaveLength(40);
	expect(wrongKey.requests).toHaveLength(1);
});

it('forgets an account that has been idle, and starts over with it', async () => {
	sandbox().addDrill({ kind: 'latency', ms: 300 });
	await execution(61);
	// The process's clock moves on past the idle time (the sandbox keeps its own).
	const now = Date.now.bind(Date);
	jest.spyOn(Date, 'now').mockImplementation(() => now() + ACCOUNT_IDLE_MS + 1000);
	const second = await execution(30);
	expect(second.failed).toEqual([]);
	expect(biggestRound(second.requests)).toBe(16);
});

it(`remembers at most ${MOST_ACCOUNTS} accounts: the least recently used is forgotten`, async () => {
	sandbox().addDrill({ kind: 'latency', ms: 300 });
	await execution(61);
	// Other partner IDs on the same host are other accounts: the sandbox refuses each one's request.
	sandbox().clearDrills();
	for (let i = 0; i < MOST_ACCOUNTS; i++) await execution(1, { partnerId: String(9000 + i) });
	sandbox().addDrill({ kind: 'latency', ms: 300 });
	const second = await execution(30);
	expect(second.failed).toEqual([]);
	expect(biggestRound(second.requests)).toBe(16);
}, 60_000);
