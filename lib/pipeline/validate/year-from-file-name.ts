/**
 * The year in a file's name, for one-file-per-year uploads without a year
 * column: `2019.csv`, `cities_2019.xlsx`, `panel-2019-final.csv`. The name
 * (without folders and extension) must hold exactly one distinct four-digit
 * number from 1900 to 2100 that is not part of a longer number; otherwise
 * there is no year (undefined), rather than a guess.
 */
export function yearFromFileName(file: string): number | undefined {
  const base = file.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]*$/, '');
  const years = new Set<number>();
  for (const match of stem.matchAll(/(?<!\d)(\d{4})(?!\d)/g)) {
    const year = Number(match[1]);
    if (year >= 1900 && year <= 2100) years.add(year);
  }
  return years.size === 1 ? [...years][0] : undefined;
}
