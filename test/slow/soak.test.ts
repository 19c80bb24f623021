import type { Drill, LoggedRequest } from '../../sandbox';
import { ENROLLEE_PATH } from '../../sandbox';
import { sandboxCredentials, sdkSignature, useSandbox } from '../support/fixtures';
import { runSmileIdNode } from '../support/n8n-engine';
import { loggedText } from '../support/n8n-log';
import { peakInFlight } from '../support/sandbox-log';

// Every request is checked against the store: keep the whole log, not the newest 1,000.
const sandbox = useSandbox({ maxLoggedRequests: 20_000 });

const PARTNER = '085';
const userOf = (request: LoggedRequest) => (request.body as { user_id?: string }).user_id;

it('keeps no more requests in flight than Max Requests in Flight, and uses them all', async () => {
	const items = Array.from({ length: 60 }, (_, i) => ({ id: `flight-${i}` }));
	items.forEach(({ id }) => sandbox().addEnrollee(PARTNER, id));
	sandbox().addDrill({ kind: 'latency', ms: 40 });

	const run = await runSmileIdNode({
		credentials: sandboxCredentials(sandbox()),
		parameters: {
			operation: 'deactivate',
			userId: '={{ $json.id }}',
			options: { maxRequestsInFlight: 4 },
		},
		items,
	});

	expect(run.error).toBeUndefined();
	expect(peakInFlight(sandbox().requests())).toBe(4);
});

it('soak: 2,000 items through 30% mixed failures end done or with a named cause, nothing lost, nothing secret leaked', async () => {
	const COUNT = 2000;
	const items = Array.from({ length: COUNT }, (_, i) => ({ id: `soak-${i}` }));
	items.forEach(({ id }) => sandbox().addEnrollee(PARTNER, id));
	const drills: Drill[] = [
		{ kind: 'status', status: 429, share: 0.06, seed: 11 },
		{ kind: 'status', status: 429, retryAfter: '0', share: 0.05, seed: 12 },
		{ kind: 'status', status: 500, share: 0.04, seed: 13 },
		{ kind: 'status', status: 503, share: 0.04, seed: 14 },
		{ kind: 'reset', share: 0.04, seed: 15 },
		{ kind: 'html', status: 502, share: 0.03, seed: 16 },
		{ kind: 'hang', share: 0.01, seed: 17 },
		{ kind: 'reset', afterProcessing: true, share: 0.03, seed: 18, name: 'lost-reset' },
		{ kind: 'status', status: 503, afterProcessing: true, share: 0.02, seed: 19, name: 'lost-503' },
		{ kind: 'hang', afterProcessing: true, share: 0.01, seed: 20, name: 'lost-hang' },
	];
	drills.forEach((drill) => sandbox().addDrill(drill));
	const credentials = sandboxCredentials(sandbox());

	const run = await runSmileIdNode({
		credentials,
		parameters: {
			operation: 'deactivate',
			userId: '={{ $json.id }}',
			options: {
				maxRequestsInFlight: 10,
				maxAttempts: 6,
				firstRetryDelay: 5,
				maxRetryWait: 5,
				timeout: 1,
			},
		},
		items,
		continueOnFail: true,
	});

	const requests = sandbox().requests();

	// Neither the key nor any signature that was sent appears in outputs, errors or logs.
	const signatures = requests.map((r) =>
		sdkSignature(PARTNER, String(credentials.apiKey), (r.body as { timestamp: string }).timestamp),
	);
	const everythingShown = [JSON.stringify(run.run), await loggedText()].join('\n');
	expect(everythingShown).toContain('soak-1999');
	expect(everythingShown).not.toContain(String(credentials.apiKey));
	for (const signature of signatures) expect(everythingShown.includes(signature)).toBe(false);
	const hit = requests.filter((r) => r.drill).length / requests.length;
	expect(hit).toBeGreaterThan(0.28);
	expect(hit).toBeLessThan(0.35);

	// Every item comes back, paired, in order: done, or an error item that names its cause.
	expect(run.error).toBeUndefined();
	expect(run.items).toHaveLength(COUNT);
	expect(run.pairedWith).toEqual(items.map((_, i) => i));
	const done = run.items.filter((item) => item.success === true);
	const failed = run.items.filter((item) => item.success !== true);
	for (const item of failed) {
		const error = item.error as { message: string; description: string };
		expect(error.message).toMatch(/Smile ID|connection|answer/);
		expect(error.description).toMatch(/Gave up after 6 attempts\.$/);
	}
	// The store agrees with each item's outcome.
	for (const item of done)
		expect(sandbox().enrollee(PARTNER, String(item.userId))?.active).toBe(false);
	expect(done.length).toBeGreaterThan(COUNT * 0.98);

	// A flag reached the store twice only where an earlier answer was lost on its way back.
	const byUser = new Map<string, LoggedRequest[]>();
	// Writes only: a lost answer is settled by reading the user (enrollee/info), which changes nothing.
	for (const request of requests.filter((r) => r.path === ENROLLEE_PATH)) {
		byUser.set(userOf(request)!, [...(byUser.get(userOf(request)!) ?? []), request]);
	}
	let appliedTwice = 0;
	for (const { id } of items) {
		const sent = byUser.get(id) ?? [];
		const lost = sent.filter((r) => r.drill?.startsWith('lost-')).length;
		const succeeded = sent.filter((r) => r.status === 200).length;
		expect(succeeded).toBeLessThanOrEqual(1);
		const history = sandbox().enrollee(PARTNER, id)?.history ?? [];
		expect(history.length).toBe(succeeded + lost);
		if (history.length > 1) appliedTwice++;
	}
	expect(appliedTwice).toBeGreaterThan(0);
}, 180_000);
