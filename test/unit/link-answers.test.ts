import {
	MAX_LINKS,
	linkListOf,
	linkObjectOf,
	linkOutput,
	linkUrlOf,
} from '../../nodes/SmileId/actions/link/linkAnswer';

const URL_A = 'https://links.example.test/085/sl-1';

describe("reading Smile ID's answers about links (shapes UNKNOWN: every plausible one)", () => {
	it.each([
		[{ link: URL_A }, URL_A],
		[{ link_url: URL_A }, URL_A],
		[{ url: URL_A }, URL_A],
		[{ link: URL_A, link_url: 'https://other.example.test/' }, URL_A],
		[{ link: 'javascript:alert(1)', link_url: URL_A }, URL_A],
		[{ link: 42 }, null],
		[{ link: 'not a url' }, null],
		[{}, null],
	])('the URL of %p is %p', (answer, url) => {
		expect(linkUrlOf(answer)).toBe(url);
	});

	it('finds the link in the answer itself or in its data / smile_link part', () => {
		expect(linkObjectOf({ success: true, ref_id: 'sl-1', link: URL_A })?.ref_id).toBe('sl-1');
		expect(linkObjectOf({ success: true, data: { ref_id: 'sl-2', link_url: URL_A } })?.ref_id).toBe(
			'sl-2',
		);
		expect(linkObjectOf({ smile_link: { ref_id: 'sl-3' } })?.ref_id).toBe('sl-3');
		expect(linkObjectOf('text')).toBeUndefined();
		expect(linkObjectOf([{ ref_id: 'x' }])).toBeUndefined();
	});

	it('finds a list as its links / smile_links / data / results / items (a bare list, as the transport wraps it)', () => {
		const items = [{ ref_id: 'a' }, 'junk', { ref_id: 'b' }];
		for (const answer of [
			{ items },
			{ links: items },
			{ smile_links: items },
			{ data: items },
			{ results: items },
		])
			expect(linkListOf(answer)?.map((l) => l.ref_id)).toEqual(['a', 'b']);
		expect(linkListOf({ links: 'none' })).toBeUndefined();
		expect(linkListOf(null)).toBeUndefined();
		const many = Array.from({ length: MAX_LINKS + 5 }, (_, i) => ({ ref_id: String(i) }));
		expect(linkListOf({ links: many })).toHaveLength(MAX_LINKS);
		expect(linkListOf(items)).toBeUndefined();
	});

	it('outputs a link in the node’s words, what the answer lacks from what was sent', () => {
		expect(
			linkOutput(
				{
					ref_id: 'sl-1',
					link_url: URL_A,
					is_disabled: 'true',
					id_types: [{ country: 'NG', id_type: 'BVN', verification_method: 'enhanced_kyc' }],
				},
				{ userId: 'u-1', expiresAt: '2030-01-01T00:00:00.000Z', singleUse: true },
			),
		).toEqual({
			refId: 'sl-1',
			url: URL_A,
			userId: 'u-1',
			singleUse: true,
			expiresAt: '2030-01-01T00:00:00.000Z',
			disabled: true,
			name: null,
			companyName: null,
			idTypes: [{ country: 'NG', idType: 'BVN', verificationMethod: 'enhanced_kyc' }],
			callbackUrl: null,
			partnerParams: {},
			createdAt: null,
		});
	});
});
