import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** Above the output of a Dry Run: nothing was changed, and how many users would change. */
export function addPreviewHint(context: IExecuteFunctions, output: INodeExecutionData[]): void {
	const previews = output.filter(({ json }) => json.dryRun === true);
	if (previews.length === 0) return;
	const wouldChange = previews.filter(({ json }) => json.wouldChange === true).length;
	context.addExecutionHints({
		message: `Preview only (Dry Run): nothing was changed in Smile ID. ${wouldChange} of ${previews.length} users would change.`,
		location: 'outputPane',
	});
}
