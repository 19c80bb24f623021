import http from 'http';
import type { AddressInfo } from 'net';

import { FAST_RETRIES, sandboxCredentials, sdkSignature, useSandbox } from '../support/fixtures';
import { runSmileIdNode } from '../support/n8n-engine';
import { post } from '../support/sandbox-requests';

describe('Job > Get Status', () => {
	const sandbox = useSandbox();
	const getStatus = (
		parameters: Record<string, unknown> = {},
		credentials: Record<string, string> = {},
	) =>
		runSmileIdNode({
			credentials: sandboxCredentials(sandbox(), credentials),
			parameters: {
				resource: 'job',
				operation: 'getStatus',
				userId: 'user-with-two-jobs',
				jobId: 'job-1',
				options: FAST_RETRIES,
				...parameters,
			},
		});

	/** Get Status through a proxy at the Base URL that hands on Smile ID's genuine answer, rewritten. */
	async function getStatusThroughProxy(
		rewrite: (answer: Record<string, unknown>) => Record<string, unknown>,
		parameters: Record<string, unknown> = {},
	) {
		const proxy = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', async () => {
				const genuine = await post(sandbox().url, req.url ?? '', Buffer.concat(chunks).toString());
				const answer = rewrite(genuine.json as Record<string, unknown>);
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
			});
		});
		await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
		try {
			const { port } = proxy.address() as AddressInfo;
			return await getStatus(parameters, { baseUrl: `http://127.0.0.1:${port}` });
		} finally {
			await new Promise<void>((resolve) => proxy.close(() => resolve()));
		}
	}

	beforeEach(async () => {
		await post(sandbox().url, '/__sandbox/jobs', {
			userId: 'user-with-two-jobs',
			jobId: 'job-0',
			resultCode: '1210',
		});
		await post(sandbox().url, '/__sandbox/jobs', {
			userId: 'user-with-two-jobs',
			jobId: 'job-1',
			resultCode: '0907',
		});
	});

	it("outputs the job's result and verdict once Smile ID's signature on the answer is confirmed", async () => {
		const { items, error } = await getStatus();
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				userId: 'user-with-two-jobs',
				jobId: 'job-1',
				jobComplete: true,
				jobSuccess: false,
				resultCode: '0907',
				resultText: 'Possible Spoof',
				verdict: 'rejected',
				smileJobId: expect.stringMatching(/^\d{10}$/),
				history: [],
				imageLinks: {},
			},
		]);
		const [request] = sandbox().requests();
		expect(request).toMatchObject({
			path: '/v1/job_status',
			status: 200,
			body: { user_id: 'user-with-two-jobs', job_id: 'job-1', history: false, image_links: false },
		});
	});

	it('adds the history and image links when asked', async () => {
		const { items } = await getStatus({
			options: { ...FAST_RETRIES, history: true, imageLinks: true },
		});
		expect(
			(items[0].history as Array<{ ResultCode: string }>).map((job) => job.ResultCode),
		).toEqual(['0907', '1210']);
		expect(items[0].imageLinks).toEqual({ selfie_image: expect.any(String) });
	});

	it('says a job Smile ID does not know yet is not complete, verdict unknown', async () => {
		const { items } = await getStatus({ jobId: 'job-404' });
		expect(items[0]).toMatchObject({
			jobComplete: false,
			jobSuccess: false,
			resultCode: null,
			verdict: 'unknown',
		});
	});

	it("accepts every genuine answer signed with the request's own timestamp (so with the request's signature)", async () => {
		// As when Smile ID answers in the same millisecond, or echoes the timestamp it was sent.
		sandbox().addDrill({ kind: 'echoTimestamp' });
		const items = Array.from({ length: 20 }, (_, i) => ({ jobId: i % 2 ? 'job-1' : 'job-0' }));
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: {
				resource: 'job',
				operation: 'getStatus',
				userId: 'user-with-two-jobs',
				jobId: '={{ $json.jobId }}',
				options: FAST_RETRIES,
			},
			items,
			continueOnFail: true,
		});
		const refused = run.items.filter((item) => item.error !== undefined);
		expect(refused).toEqual([]);
		expect(run.items.map((item) => item.verdict)).toEqual(
			items.map(({ jobId }) => (jobId === 'job-0' ? 'approved' : 'rejected')),
		);
		// Each answer carried its request's timestamp: the drill acted on every one.
		expect(
			sandbox()
				.requests()
				.filter((r) => r.drill === 'echoTimestamp'),
		).toHaveLength(20);
	});

	it("accepts an answer whose timestamp is a number (Unix milliseconds), as Smile ID's SDK does", async () => {
		const partner = sandbox().partners[0];
		const { items, error } = await getStatusThroughProxy(
			(genuine) => {
				const timestamp = Date.now() - 5;
				const iso = new Date(timestamp).toISOString();
				return {
					...genuine,
					timestamp,
					signature: sdkSignature(partner.partnerId, partner.keys.test, iso),
				};
			},
			{ jobId: 'job-0' },
		);
		expect(error).toBeUndefined();
		expect(items).toEqual([
			expect.objectContaining({ jobComplete: true, resultCode: '1210', verdict: 'approved' }),
		]);
	});

	it.each([
		['unsigned', (answer: Record<string, unknown>) => ({ ...answer, signature: undefined })],
		[
			'signed with another key',
			(answer: Record<string, unknown>) => ({
				...answer,
				signature: 'YVUGcN5URltPq/1/gPCn5krrB0wOQHpj5xvp3FA53+E=',
			}),
		],
		[
			'with its timestamp changed',
			(answer: Record<string, unknown>) => ({
				...answer,
				timestamp: new Date(Date.now() + 1000).toISOString(),
			}),
		],
	])(
		'refuses an answer %s: "could not confirm this answer came from Smile ID"',
		async (_name, tamper) => {
			// Something on the way (here a proxy at the Base URL) answers in Smile ID's place: Smile ID's
			// genuine answer, with the verdict turned to approved and the signature as named.
			const { items, error } = await getStatusThroughProxy((genuine) =>
				tamper({ ...genuine, result: { ResultCode: '1210', ResultText: 'Enroll User' } }),
			);
			expect(items).toEqual([]);
			expect(error?.message).toBe('Could not confirm this answer came from Smile ID');
			expect(error?.description).toContain('Base URL');
			expect(
				sandbox()
					.requests()
					.map((r) => r.status),
			).toEqual([200]);
		},
	);
});
