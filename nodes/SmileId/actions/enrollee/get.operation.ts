import { userIdOf } from '../../helpers/validation';
import type { SmileIdOperation } from '../node.type';
import { jobsOf, readEnrollee } from './read';

/** Enrollee > Get: the user's state and job history, read-only. */
export const getOperation: SmileIdOperation = {
	name: 'Get',
	action: 'Get a user',
	description: "Read a user's state (active, fraudulent, deleted, ...) and job history without changing anything",
	properties: [],
	async execute(itemIndex, { options, settings }) {
		const userId = userIdOf(this, itemIndex);
		const reading = await readEnrollee(this, userId, itemIndex, settings);
		if (!reading.found) {
			if (options.notFoundOutputsItem) return { userId, found: false };
			reading.error.context.itemFields = { userId, operation: 'get' };
			throw reading.error;
		}
		return { ...reading.state, found: true, jobs: jobsOf(reading.history, options.includeIdCheck) };
	},
};
