import { userIdOf } from '../../helpers/userId';
import type { SmileIdOperation } from '../node.type';
import { ENROLLEE_TOOL_INPUT } from './operations';
import { jobsOf, readEnrollee } from './read';

/** Enrollee > Get: the user's state and job history, read-only. */
export const getOperation: SmileIdOperation = {
	name: 'Get',
	subtitle: 'Get User',
	action: 'Get a user',
	description:
		"Read a user's state (active, fraudulent, deleted, ...) and job history without changing anything",
	forAgents: `Reads the state of a user in Smile ID without changing anything: whether they are active, flagged as fraudulent, deleted or awaiting re-enrollment, and their verification jobs, each with a verdict. Use it to check a user before and after a change. ${ENROLLEE_TOOL_INPUT} Returns a JSON list with one object: found true and the state (active, fraudulent, deleted, awaitingReenrollment, jobs). On failure returns an error that says what to do.`,
	properties: [],
	options: ['includeIdCheck', 'notFoundOutputsItem'],
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
