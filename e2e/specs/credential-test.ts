/** The credential's test, as the editor's test button calls it, through n8n's REST API. */
import { WALLET_PATH } from '../../sandbox';
import { sandboxCredential } from '../fixtures';
import type { Spec } from '../spec';
import { PARTNER_ID } from './shared';

export const credentialTest: Spec = {
	name: 'the credential test through the REST API',
	phase: 'server',
	async run(checks, { stack }) {
		const { sandbox, rest } = stack;
		const partner = sandbox.partners.find((p) => p.partnerId === PARTNER_ID)!;
		const test = (apiKey: string) =>
			rest.request('POST', '/rest/credentials/test', {
				credentials: sandboxCredential(sandbox.url, partner, apiKey),
			});
		const before = sandbox.requests().length;
		const good = await test(partner.keys.test);
		await checks.ok(
			'credential test with good keys: OK',
			good.status === 200 && good.json?.data?.status === 'OK',
			good,
		);
		const bad = await test('not-the-right-key');
		const message = String(bad.json?.data?.message ?? '');
		await checks.ok(
			'credential test with a bad key: fails',
			bad.status === 200 && bad.json?.data?.status === 'Error',
			bad,
		);
		await checks.ok(
			`credential test with a bad key: a clear message ("${message}")`,
			/authori|credential|key|partner/i.test(message),
			bad,
		);
		const wallet = sandbox
			.requests()
			.slice(before)
			.filter((r) => r.path === WALLET_PATH);
		await checks.ok(
			'credential test: both requests reached the sandbox signed (wallet_balance), the good one accepted',
			wallet.length >= 2 &&
				wallet.every((r) => r.hasSignature) &&
				wallet[0].status === 200 &&
				wallet[wallet.length - 1].status !== 200,
			wallet,
		);
	},
};
