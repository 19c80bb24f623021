// Prints the plain "N passed, N failed" closing line that CI reads to count the tests that ran.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed`;
		process.stdout.write(`\n${skipped > 0 ? `${line}, ${skipped} skipped` : line}\n`);
	}
}

module.exports = SummaryReporter;
