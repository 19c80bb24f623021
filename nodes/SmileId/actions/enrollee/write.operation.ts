import type { IDataObject } from 'n8n-workflow';

import { userIdOf } from '../../helpers/validation';
import { ENROLLEE_PATH, sendToSmileId } from '../../transport/request';
import type { SmileIdOperation } from '../node.type';
import type { EnrolleeOperationName } from './operations';
import { ENROLLEE_OPERATIONS, ENROLLEE_TOOL_INPUT_AND_RESULT } from './operations';

/** One of the six writes: they differ only by the flag they send (operations.ts). */
export function writeOperation(operation: EnrolleeOperationName): SmileIdOperation {
	const { flag, forAgents, ...shown } = ENROLLEE_OPERATIONS[operation];
	return {
		...shown,
		forAgents: `${forAgents} ${ENROLLEE_TOOL_INPUT_AND_RESULT}`,
		properties: [],
		async execute(itemIndex, run) {
			const userId = userIdOf(this, itemIndex);
			const result = await sendToSmileId(this, ENROLLEE_PATH, { user_id: userId, ...flag }, itemIndex, run.settings);
			const fields: IDataObject = { userId, operation };
			if (result.ok) {
				return {
					...fields,
					success: true,
					...(operation === 'delete' ? { deleted: true } : {}),
					response: result.body as IDataObject,
				};
			}
			if (operation === 'delete' && (result.smileIdCode === '2208' || (result.smileIdCode === '2210' && result.earlierAnswerLost))) {
				return {
					...fields,
					success: true,
					deleted: true,
					note:
						result.smileIdCode === '2208'
							? 'Smile ID reports this user as already deleted'
							: 'An earlier attempt reached Smile ID but its answer was lost; Smile ID now finds no such user, so the deletion went through',
				};
			}
			result.error.context.itemFields = fields;
			throw result.error;
		},
	};
}
