import { CHECK_CREDENTIALS } from '../../nodes/SmileId/common/credentials';
import { FAST_RETRIES, sandboxCredentials, useSandbox } from '../support/fixtures';
import type { HostileServer } from '../support/hostile-server';
import { answer, startHostileServer } from '../support/hostile-server';
import { pressTestButton } from '../support/credential-tester';
import { runSmileIdNode } from '../support/n8n-engine';

const sandbox = useSandbox();

/** 0.0.0.0 reaches this machine's servers, but it is no loopback address: http to it is refused. */
const notLoopback = (server: HostileServer) => server.url.replace('127.0.0.1', '0.0.0.0');

const HTTPS_NEEDED =
	'The Smile ID credential is incomplete: the Base URL must start with https:// (http:// only for this machine: localhost, 127.0.0.1 or [::1]), not http://';

describe("the credential's Test button, as n8n runs it", () => {
	it('passes with the right key and names what to check with a wrong one', async () => {
		expect(await pressTestButton(sandboxCredentials(sandbox()))).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(
			await pressTestButton(sandboxCredentials(sandbox(), { apiKey: 'not-the-right-key' })),
		).toEqual({
			status: 'Error',
			message: `Smile ID refused these credentials (code 2205). ${CHECK_CREDENTIALS}`,
		});
	});

	it.each([301, 302, 307, 308])(
		'follows no redirect (HTTP %i): the signed request never reaches the other server',
		async (status) => {
			const elsewhere = await startHostileServer((_request, response) =>
				answer(response, 200, { wallet_balance: 1, current_as_of: '2026-01-01T00:00:00.000Z' }),
			);
			const redirecting = await startHostileServer((_request, response) =>
				answer(
					response,
					status,
					{},
					{ location: `${elsewhere.url}/api/v2/partner/wallet_balance` },
				),
			);
			try {
				const result = await pressTestButton(
					sandboxCredentials(sandbox(), { baseUrl: redirecting.url }),
				);
				expect(result).toEqual({
					status: 'Error',
					message: expect.stringMatching(/^Smile ID did not confirm these credentials/),
				});
				expect(redirecting.received).toHaveLength(1);
				expect(elsewhere.received).toEqual([]);
			} finally {
				await Promise.all([elsewhere.close(), redirecting.close()]);
			}
		},
	);

	it('refuses a Base URL with http:// to another host than this machine, saying https is needed, before sending', async () => {
		const listening = await startHostileServer((_request, response) =>
			answer(response, 200, { wallet_balance: 1 }),
		);
		try {
			const result = await pressTestButton(
				sandboxCredentials(sandbox(), { baseUrl: notLoopback(listening) }),
			);
			expect(result).toEqual({
				status: 'Error',
				message: expect.stringContaining(`${HTTPS_NEEDED}0.0.0.0:`),
			});
			expect(listening.received).toEqual([]);
		} finally {
			await listening.close();
		}
	});
});

describe('the node with a Base URL using http://', () => {
	it('sends nothing to a host other than this machine, and says https is needed', async () => {
		const listening = await startHostileServer((_request, response) =>
			answer(response, 200, { success: true }),
		);
		try {
			const run = await runSmileIdNode({
				credentials: sandboxCredentials(sandbox(), { baseUrl: notLoopback(listening) }),
				parameters: { operation: 'deactivate', userId: 'user-active-001', options: FAST_RETRIES },
			});
			expect(run.items).toEqual([]);
			expect(run.error?.message).toBe(`${HTTPS_NEEDED}${new URL(notLoopback(listening)).host}`);
			expect(run.error?.description).toContain('Nothing was sent');
			expect(listening.received).toEqual([]);
		} finally {
			await listening.close();
		}
	});

	it('reaches the local sandbox at 127.0.0.1', async () => {
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: { operation: 'deactivate', userId: 'user-active-001', options: FAST_RETRIES },
		});
		expect(run.error).toBeUndefined();
		expect(sandbox().requests()).toHaveLength(1);
	});
});
