// Prints tables at the end of a test file. Kept in JS: n8n's lint forbids
// console and process in linted TypeScript, and this output is the point.
'use strict';

/**
 * @param {string} title
 * @param {string[]} header
 * @param {string[][]} rows
 */
function printTable(title, header, rows) {
	const widths = header.map((cell, column) =>
		Math.max(cell.length, ...rows.map((row) => String(row[column]).length)),
	);
	const line = (cells) =>
		'| ' + cells.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ') + ' |';
	const text = [
		'',
		title,
		line(header),
		'|' + widths.map((width) => '-'.repeat(width + 2)).join('|') + '|',
		...rows.map(line),
		'',
	].join('\n');
	process.stdout.write(text + '\n');
}

module.exports = { printTable };
