import { NodeOperationError } from 'n8n-workflow';

import { sendToSmileId } from '../../transport/send';
import type { SmileIdOperation } from '../node.type';
import { linkObjectOf, linkOutput } from './linkAnswer';
import { linkRefusal, refIdOf, refIdProperty } from './refId';

/** Link > Get: one link, read; changes nothing. */
export const getOperation: SmileIdOperation = {
	name: 'Get',
	action: 'Get a verification link',
	description: 'Read one Smile Link: its URL, user, expiry and whether it is disabled',
	properties: [refIdProperty],
	async execute(itemIndex, run) {
		const refId = refIdOf(this, itemIndex);
		const result = await sendToSmileId(this, 'getLink', { ref_id: refId }, itemIndex, run.settings);
		if (!result.ok) throw linkRefusal(result.error, refId);
		const output = linkOutput(linkObjectOf(result.body) ?? {}, { refId });
		if (output.refId !== refId)
			throw new NodeOperationError(this.getNode(), `Smile ID answered about another link`, {
				itemIndex,
				description: `Asked for ${refId}, the answer is about ${String(output.refId)}. Check the Base URL in the credential.`,
			});
		return output;
	},
};
