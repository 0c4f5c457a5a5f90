import { IMPORT_COLUMNS } from '../register-file/register-columns';
import { en } from './en';
import { ja } from './ja';

/**
 * One name per field: the form, the vendor page, the list, the history (ui.vendors.<field>) and the
 * import, template and export (importColumn.<id>) call each vendor field the same, in each language.
 */
describe('one name per field', () => {
  const vendorFields = IMPORT_COLUMNS.filter((column) => column.entity === 'vendor').map((column) => column.id);

  it.each([['ja', ja], ['en', en]] as const)('%s: the pages and the register files use the same label for each vendor field', (_locale, catalogue) => {
    expect(vendorFields).toHaveLength(19);
    const pages = Object.fromEntries(vendorFields.map((id) => [id, (catalogue.ui.vendors as Record<string, unknown>)[id]]));
    const files = Object.fromEntries(vendorFields.map((id) => [id, (catalogue.importColumn as Record<string, unknown>)[id]]));
    expect(pages).toEqual(files);
  });

  it('no two vendor fields share a label', () => {
    for (const catalogue of [ja, en]) {
      const labels = vendorFields.map((id) => (catalogue.importColumn as Record<string, string>)[id]);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});
