import type { IDataObject } from 'n8n-workflow';

import { ENROLLEE_INFO_PATH, ENROLLEE_PATH } from '../../sandbox';
import type { Drill } from '../../sandbox';
import { FAST_RETRIES, sandboxCredentials, useSandbox } from '../support/fixtures';
import { runSmileIdNode } from '../support/n8n-engine';

const sandbox = useSandbox();
const PARTNER = '085';

const writes = (drill: Drill, operation = 'deactivate', userId = 'user-active-001') => {
	sandbox().addDrill({ ...drill, times: 1, paths: [ENROLLEE_PATH] });
	return runSmileIdNode({
		credentials: sandboxCredentials(sandbox()),
		parameters: { operation, userId, options: { ...FAST_RETRIES, timeout: 1 } },
	});
};
const log = () =>
	sandbox()
		.requests()
		.map((r) => [r.path, r.status]);

describe('a write whose answer was lost is settled by reading the user', () => {
	it.each<[string, Drill]>([
		['the connection was cut', { kind: 'reset', afterProcessing: true }],
		['the answer never came (timeout)', { kind: 'hang', afterProcessing: true }],
	])(
		'applied, then %s: one write, one read, done with verifiedByReading',
		async (_title, drill) => {
			const run = await writes(drill);
			expect(run.error).toBeUndefined();
			expect(run.items).toEqual([
				{
					userId: 'user-active-001',
					operation: 'deactivate',
					success: true,
					verifiedByReading: true,
				},
			]);
			expect(log()).toEqual([
				[ENROLLEE_PATH, null],
				[ENROLLEE_INFO_PATH, 200],
			]);
			expect(sandbox().enrollee(PARTNER, 'user-active-001')?.history).toEqual(['active:false']);
		},
	);

	it('not applied, connection cut: read, retry, done, and the flag reached Smile ID once', async () => {
		const run = await writes({ kind: 'reset' });
		expect(run.error).toBeUndefined();
		expect(run.items[0]).toMatchObject({ success: true, response: expect.any(Object) });
		expect(run.items[0].verifiedByReading).toBeUndefined();
		expect(log()).toEqual([
			[ENROLLEE_PATH, null],
			[ENROLLEE_INFO_PATH, 200],
			[ENROLLEE_PATH, 200],
		]);
		expect(sandbox().enrollee(PARTNER, 'user-active-001')?.history).toEqual(['active:false']);
	});

	it('a Delete whose reading answers 2210 (no such user any more) is done', async () => {
		sandbox().addEnrollee(PARTNER, 'purged');
		sandbox().addDrill({
			kind: 'status',
			status: 400,
			body: { error: 'No enrolled user found', code: '2210' },
			times: 1,
			paths: [ENROLLEE_INFO_PATH],
		});
		const run = await writes({ kind: 'reset', afterProcessing: true }, 'delete', 'purged');
		expect(run.items).toEqual([
			{
				userId: 'purged',
				operation: 'delete',
				success: true,
				deleted: true,
				verifiedByReading: true,
			},
		]);
		expect(log()).toEqual([
			[ENROLLEE_PATH, null],
			[ENROLLEE_INFO_PATH, 400],
		]);
	});

	it('when the reading fails too, the write is retried as before', async () => {
		sandbox().addDrill({ kind: 'reset', times: 1, paths: [ENROLLEE_INFO_PATH] });
		const run = await writes({ kind: 'reset' });
		expect(run.items[0]).toMatchObject({ success: true });
		expect(log()).toEqual([
			[ENROLLEE_PATH, null],
			[ENROLLEE_INFO_PATH, null],
			[ENROLLEE_PATH, 200],
		]);
	});

	it('answers that arrived (503, refused connection) are retried without reading', async () => {
		const run = await writes({ kind: 'status', status: 503 });
		expect((run.items[0] as IDataObject).success).toBe(true);
		expect(log()).toEqual([
			[ENROLLEE_PATH, 503],
			[ENROLLEE_PATH, 200],
		]);
	});
});
