import { NodeOperationError } from 'n8n-workflow';

import { sendToSmileId } from '../../transport/send';
import type { SmileIdOperation } from '../node.type';
import { linkListOf, linkOutput } from './linkAnswer';

/** Link > Get Many: the account's links, in one item (`links`), as many as asked. */
export const getManyOperation: SmileIdOperation = {
	name: 'Get Many',
	action: 'Get many verification links',
	description: "List your account's Smile Links, in one item: count and links",
	properties: [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	],
	sharedBy(itemIndex) {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
		return returnAll ? 'all' : String(this.getNodeParameter('limit', itemIndex, 50));
	},
	async execute(itemIndex, run) {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) === true;
		const limit = returnAll ? Infinity : Number(this.getNodeParameter('limit', itemIndex, 50));
		const result = await sendToSmileId(this, 'listLinks', {}, itemIndex, run.settings);
		if (!result.ok) throw result.error;
		const list = linkListOf(result.body);
		if (!list)
			throw new NodeOperationError(this.getNode(), "Smile ID's answer holds no list of links", {
				itemIndex,
				description: 'Check the Base URL in the credential: leave it empty to use Smile ID itself.',
			});
		const links = list.slice(0, limit).map((link) => linkOutput(link));
		return { count: links.length, links };
	},
};
