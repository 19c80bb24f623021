// A node:test reporter that prints only the closing line CI sums: "N passed, N failed", counting
// each check (a test without subtests) and each group that failed on its own (an exception in it).
export default async function* summary(source) {
	const finishedAt = [];
	let passed = 0;
	let failed = 0;
	for await (const event of source) {
		if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
		const depth = event.data.nesting;
		// Subtests finish before their parent: any finished at depth + 1 since the last at depth make it a group.
		const isGroup = (finishedAt[depth + 1] ?? 0) > 0;
		finishedAt[depth + 1] = 0;
		finishedAt[depth] = (finishedAt[depth] ?? 0) + 1;
		if (event.type === 'test:pass' && !isGroup) passed++;
		if (
			event.type === 'test:fail' &&
			(!isGroup || event.data.details.error?.failureType !== 'subtestsFailed')
		)
			failed++;
	}
	yield `\n${passed} passed, ${failed} failed\n`;
}
