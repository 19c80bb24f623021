import { createHmac } from 'crypto';

import { computeSignature, signatureMatches, signNow } from '../../nodes/SmileId/common/signature';

// Smile ID's official Node SDK, as an independent implementation.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Signature } = require('smile-identity-core') as {
	Signature: new (
		partnerId: string,
		apiKey: string,
	) => {
		generate_signature(timestamp?: string): { signature: string; timestamp: string };
		confirm_signature(timestamp: string, signature: string): boolean;
	};
};

// The test vectors of ../shared/reference/smile-id-api.md; the first three come from Smile ID's Java SDK tests.
const VECTORS: Array<[partnerId: string, apiKey: string, timestamp: string, signature: string]> = [
	['partner', 'apiKey', '2023-02-13T15:07:42.214Z', 'XxThLHZy2ij1WINkqNEPgzVs9RvUDHWlebDYzprqS74='],
	['partner', 'apikey', '2023-03-09T21:35:00.279Z', '+S/hVtmFwynoroXQQbjOQ3/l+a5zshNldrQh/iBdxRQ='],
	['partner', 'apiKey', '2022-11-10T19:05:42.775Z', 'tMPhsPdh3k3PejTNGG970gQSA41oO9/I3oERRlSSBUc='],
	[
		'085',
		'test-api-key',
		'2025-05-23T11:40:07.809Z',
		'YVUGcN5URltPq/1/gPCn5krrB0wOQHpj5xvp3FA53+E=',
	],
	[
		'85',
		'test-api-key',
		'2025-05-23T11:40:07.809Z',
		'4/nO35RM3jdQU/Fl2maJgGdSDuEwYRUV2HPrsP8Xn3c=',
	],
];

describe('the request signature', () => {
	it.each(VECTORS)(
		'partner %s, key %s, at %s gives the documented signature',
		(partnerId, apiKey, timestamp, expected) => {
			expect(computeSignature(apiKey, partnerId, timestamp)).toBe(expected);
		},
	);

	it.each(VECTORS)(
		"is the one Smile ID's Node SDK computes (partner %s)",
		(partnerId, apiKey, timestamp) => {
			const sdk = new Signature(partnerId, apiKey);
			expect(computeSignature(apiKey, partnerId, timestamp)).toBe(
				sdk.generate_signature(timestamp).signature,
			);
			expect(sdk.confirm_signature(timestamp, computeSignature(apiKey, partnerId, timestamp))).toBe(
				true,
			);
		},
	);

	it('matches an independent HMAC for keys and IDs beyond the vectors', () => {
		for (const [partnerId, apiKey] of [
			['0001', 'ключ-с-юникодом'],
			['7', 'a'.repeat(200)],
		]) {
			const timestamp = '2026-11-26T10:00:00.000Z';
			const independent = createHmac('sha256', Buffer.from(apiKey, 'utf8'))
				.update(Buffer.from(`${timestamp}${partnerId}sid_request`, 'utf8'))
				.digest()
				.toString('base64');
			expect(computeSignature(apiKey, partnerId, timestamp)).toBe(independent);
		}
	});

	it('keeps leading zeros: "085" and "85" sign differently', () => {
		const timestamp = '2025-05-23T11:40:07.809Z';
		expect(computeSignature('k', '085', timestamp)).not.toBe(
			computeSignature('k', '85', timestamp),
		);
	});

	it('signs the current time as ISO 8601 with milliseconds, 44 base64 characters', () => {
		const { timestamp, signature } = signNow(
			'key',
			'085',
			new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)),
		);
		expect(timestamp).toBe('2026-01-02T03:04:05.006Z');
		expect(signature).toHaveLength(44);
		expect(signature).toBe(computeSignature('key', '085', timestamp));
	});
});

describe('checking a signature Smile ID sent', () => {
	it.each(VECTORS)(
		'accepts the documented signature (partner %s, key %s, at %s)',
		(partnerId, apiKey, timestamp, signature) => {
			expect(signatureMatches(apiKey, partnerId, { timestamp, signature })).toBe(true);
		},
	);

	it.each(VECTORS)(
		"accepts what Smile ID's Node SDK generates (partner %s)",
		(partnerId, apiKey, timestamp) => {
			const signed = new Signature(partnerId, apiKey).generate_signature(timestamp);
			expect(signatureMatches(apiKey, partnerId, signed)).toBe(true);
		},
	);

	it('recomputes from the timestamp string exactly as sent, not from its date', () => {
		const [partnerId, apiKey, timestamp, signature] = VECTORS[3];
		// The same instant written differently: Smile ID signed the string, so this must fail.
		expect(
			signatureMatches(apiKey, partnerId, {
				timestamp: timestamp.replace('Z', '+00:00'),
				signature,
			}),
		).toBe(false);
		expect(signatureMatches(apiKey, partnerId, { timestamp: ` ${timestamp}`, signature })).toBe(
			false,
		);
	});

	it('refuses another partner, another key, and the partner ID without its leading zeros', () => {
		const [partnerId, apiKey, timestamp, signature] = VECTORS[3];
		expect(signatureMatches('another-key', partnerId, { timestamp, signature })).toBe(false);
		expect(signatureMatches(apiKey, '85', { timestamp, signature })).toBe(false);
		expect(signatureMatches(apiKey, `${partnerId}0`, { timestamp, signature })).toBe(false);
	});

	it('refuses a signature one bit off, truncated, padded, unpadded, base64url or not base64', () => {
		// This vector's signature holds both + and /, so its base64url form differs.
		const [partnerId, apiKey, timestamp, signature] = VECTORS[1];
		const flipped = Buffer.from(signature, 'base64');
		flipped[31] ^= 1;
		for (const forged of [
			flipped.toString('base64'),
			signature.slice(0, 40),
			`${signature}AAAA`,
			signature.replace(/=+$/, ''),
			signature.replace('+', '-').replace('/', '_'),
			` ${signature}`,
			`${signature.slice(0, 10)}*${signature.slice(11)}`,
			'',
		]) {
			expect(signatureMatches(apiKey, partnerId, { timestamp, signature: forged })).toBe(false);
		}
	});

	it('refuses a missing or non-text timestamp or signature', () => {
		const [partnerId, apiKey, timestamp, signature] = VECTORS[0];
		for (const signed of [
			{ timestamp },
			{ signature },
			{ timestamp, signature: null },
			{ timestamp: Number.NaN, signature },
			{ timestamp: [timestamp], signature },
			{ timestamp, signature: [signature] },
		]) {
			expect(signatureMatches(apiKey, partnerId, signed)).toBe(false);
		}
	});

	it("takes a numeric timestamp as Unix milliseconds signed in its ISO form, as Smile ID's SDK does", () => {
		const [partnerId, apiKey, timestamp, signature] = VECTORS[0];
		expect(
			signatureMatches(apiKey, partnerId, { timestamp: Date.parse(timestamp), signature }),
		).toBe(true);
		expect(
			signatureMatches(apiKey, partnerId, { timestamp: Date.parse(timestamp) + 1, signature }),
		).toBe(false);
	});

	it("agrees with the SDK's confirm_signature on good and forged signatures alike", () => {
		const sdk = new Signature('085', 'test-api-key');
		const timestamp = '2026-11-28T04:00:00.000Z';
		const good = sdk.generate_signature(timestamp).signature;
		const forged = computeSignature('wrong-key', '085', timestamp);
		for (const signature of [good, forged]) {
			expect(signatureMatches('test-api-key', '085', { timestamp, signature })).toBe(
				sdk.confirm_signature(timestamp, signature),
			);
		}
	});
});
