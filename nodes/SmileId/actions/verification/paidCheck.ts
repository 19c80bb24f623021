import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PaidEndpointName } from '../../common/endpoints';
import { SOURCE_SDK } from '../../common/endpoints';
import type { RunContext } from '../../helpers/itemRun';
import type { JobIds } from './submit';
import { submitOnce } from './submit';

/** One item of a check without a camera, as its operation reads it. */
export interface PaidCheck {
	ids: JobIds & { mapped: boolean };
	/** What is wrong with the item's fields (checks.ts); nothing is sent unless it is empty. */
	problems: string[];
	endpoint: PaidEndpointName;
	/** The check's own fields; the signed fields and source_sdk are added. */
	body: IDataObject;
	/** Sent asynchronously: the result goes to the callback URL (the Smile ID Trigger). */
	async: boolean;
	/** The job's result as output fields (results.ts). */
	read(result: IDataObject, includePersonalData: boolean): IDataObject;
}

/**
 * Validate Only, the checks before sending, then one submission that is never billed twice
 * (submit.ts). The output names the job (userId, jobId) so that it can always be looked up.
 */
export async function runPaidCheck(
	context: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	check: PaidCheck,
): Promise<IDataObject> {
	const { options } = run;
	const { userId, jobId, mapped } = check.ids;
	if (options.validateOnly) {
		return {
			userId,
			...(mapped ? { jobId } : {}),
			validateOnly: true,
			valid: check.problems.length === 0,
			problems: check.problems,
		};
	}
	if (check.problems.length) {
		throw new NodeOperationError(context.getNode(), `Not sent: ${check.problems[0]}`, {
			itemIndex,
			description: `${check.problems.join('. ')}. Nothing was sent to Smile ID and nothing was billed.`,
		});
	}
	const body = { ...check.body, ...SOURCE_SDK };
	const outcome = await submitOnce(context, check.endpoint, body, check.ids, itemIndex, run);
	const ids = { userId, jobId };
	if (check.async && outcome.from === 'answer')
		return { ...ids, submitted: true, resultPending: true };
	return {
		...ids,
		...check.read(outcome.result, options.includePersonalData),
		...(outcome.from === 'answer' ? {} : { settledBy: outcome.from }),
	};
}
