import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { userIdOf } from '../../helpers/userId';
import { sendToSmileId } from '../../transport/send';
import type { SmileIdOperation } from '../node.type';
import type { EnrolleeOperation, EnrolleeOperationName } from './operations';
import { ENROLLEE_OPERATIONS, ENROLLEE_TOOL_INPUT, WRITE_TOOL_RESULT } from './operations';
import type { EnrolleeState } from './read';
import { readEnrollee } from './read';

/** Shown while the write is not a preview: Preview Only added (it is on when added) hides it. */
const permanentNotice = (displayName: string): INodeProperties => ({
	displayName,
	name: 'permanentNotice',
	type: 'notice',
	default: '',
	displayOptions: { hide: { '/options.dryRun': [true] } },
});

/** One of the six writes: they differ only by the flag they send and the state it leads to (operations.ts). */
export function writeOperation(operation: EnrolleeOperationName): SmileIdOperation {
	const { flag, inPlace, forAgents, permanent, ...shown } = ENROLLEE_OPERATIONS[
		operation
	] as EnrolleeOperation;
	const isInPlace = (state: EnrolleeState) => state[inPlace.field] === inPlace.value;
	const done = operation === 'delete' ? { success: true, deleted: true } : { success: true };

	return {
		...shown,
		forAgents: `${forAgents} ${ENROLLEE_TOOL_INPUT} ${WRITE_TOOL_RESULT}`,
		properties: permanent ? [permanentNotice(permanent)] : [],
		options: ['dryRun', 'skipIfDone'],
		async execute(itemIndex, { options, settings }) {
			const userId = userIdOf(this, itemIndex);
			const fields: IDataObject = { userId, operation };

			if (options.dryRun || options.skipIfDone) {
				const reading = await readEnrollee(this, userId, itemIndex, settings);
				if (!reading.found) {
					reading.error.context.itemFields = fields;
					throw reading.error;
				}
				const already = isInPlace(reading.state);
				if (options.dryRun)
					return { ...fields, dryRun: true, wouldChange: !already, before: reading.state };
				if (already) return { ...fields, ...done, changed: false };
			}

			// One read, not retried: when it fails too, the write is retried as without it.
			const settle = async () => {
				const once = { ...settings, retry: { ...settings.retry, maxAttempts: 1 } };
				const reading = await readEnrollee(this, userId, itemIndex, once).catch(() => undefined);
				if (!reading) return false;
				return reading.found ? isInPlace(reading.state) : operation === 'delete';
			};
			const result = await sendToSmileId(
				this,
				'enrollee',
				{ user_id: userId, ...flag },
				itemIndex,
				settings,
				settle,
			);
			const changed = options.skipIfDone ? { changed: true } : {};
			if (result.ok && result.verifiedByReading)
				return { ...fields, ...done, ...changed, verifiedByReading: true };
			if (result.ok)
				return { ...fields, ...done, ...changed, response: result.body as IDataObject };
			if (
				operation === 'delete' &&
				(result.smileIdCode === '2208' ||
					(result.smileIdCode === '2210' && result.earlierAnswerLost))
			) {
				return {
					...fields,
					...done,
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
