import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readOptions } from './options';

/**
 * Above the output of a Dry Run: nothing was changed, how many of all the items' users would
 * change, and how many could not be read (their error items, with On Error "Continue"). For an
 * operation that can preview (its `options` list dryRun).
 */
export function addPreviewHint(context: IExecuteFunctions, output: INodeExecutionData[]): void {
	if (output.length === 0 || !readOptions(context).dryRun) return;
	const previews = output.filter(({ json }) => json.dryRun === true);
	const unread = output.filter(({ json }) => json.error !== undefined).length;
	const wouldChange = previews.filter(({ json }) => json.wouldChange === true).length;
	const failures = unread > 0 ? `; ${unread} could not be read: see the error items` : '';
	context.addExecutionHints({
		message: `Preview only (Dry Run): nothing was changed in Smile ID. ${wouldChange} of ${output.length} users would change${failures}.`,
		location: 'outputPane',
	});
}
