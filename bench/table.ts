import type { Figure } from './figures.js';

/** Whether a figure met its budget; `undefined` when it has none. */
export function judgeFigure(figure: Figure): 'PASS' | 'FAIL' | undefined {
  if (figure.budget === undefined) return undefined;
  return figure.budget.test(figure.spread.median) ? 'PASS' : 'FAIL';
}

function formatNumber(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '–';
  if (unit === 'count') return String(Math.round(value));
  if (unit === '×') return value.toFixed(2);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/**
 * Formats the figures as a plain-text table, one section after another: median, spread
 * (min–max over the runs, and how many), target and PASS/FAIL.
 *
 * @param figures - the figures, in report order
 * @returns the table, lines joined with `\n`
 */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => {
    const { spread, unit } = figure;
    const range =
      spread.runs > 1
        ? `${formatNumber(spread.min, unit)}–${formatNumber(spread.max, unit)} (${spread.runs} runs)`
        : '(1 run)';
    return {
      section: figure.section,
      cells: [
        `  ${figure.label}`,
        `${formatNumber(spread.median, unit)} ${unit === 'count' ? '' : unit}`.trimEnd(),
        range,
        figure.budget?.text ?? '',
        judgeFigure(figure) ?? '',
      ],
    };
  });
  const header = ['figure', 'median', 'min–max', 'target', ''];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row.cells[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 1 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const lines = [line(header), line(widths.map((width) => '─'.repeat(width)))];
  let section: string | undefined;
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      lines.push(`${section}:`);
    }
    lines.push(line(row.cells));
  }
  return lines.join('\n');
}
