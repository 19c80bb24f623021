import { sendToSmileId } from '../../transport/send';
import type { SmileIdOperation } from '../node.type';
import { linkObjectOf, linkOutput } from './linkAnswer';
import { linkRefusal, refIdOf, refIdProperty } from './refId';

/** Link > Disable: the link stops working; a verification already done through it stays. */
export const disableOperation: SmileIdOperation = {
	name: 'Disable',
	action: 'Disable a verification link',
	description: 'Stop a Smile Link from working, for example when the person no longer needs it',
	properties: [refIdProperty],
	async execute(itemIndex, run) {
		const refId = refIdOf(this, itemIndex);
		const body = { ref_id: refId, is_disabled: true };
		const result = await sendToSmileId(this, 'updateLink', body, itemIndex, run.settings);
		if (!result.ok) throw linkRefusal(result.error, refId);
		// Smile ID said yes; its answer's shape is UNKNOWN, so what it leaves out is what was asked.
		return linkOutput(linkObjectOf(result.body) ?? {}, { refId, disabled: true });
	},
};
