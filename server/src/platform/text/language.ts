/** Languages Closeloop works in (DESIGN §1). */
export type TextLanguage = 'en' | 'zh' | 'ms';

const HAN = /\p{Script=Han}/gu;
const LETTER = /\p{L}/gu;

// Frequent function words and marketplace-service vocabulary that tell Malay from English.
const MALAY = new Set(
  ('yang dan di ini itu untuk dengan tidak tak saya kami kita anda awak ada pada dari daripada ke akan sudah ' +
    'belum lagi masih telah boleh kerana sebab tetapi tapi juga sila tolong terima kasih mohon bantuan akaun ' +
    'penjual pembeli bayaran pengeluaran wang barang pesanan penghantaran dihantar dipadam disekat digantung ' +
    'rayuan bila kenapa mengapa bagaimana hari minggu bulan sejak selepas sebelum semua banyak sangat jika kalau').split(' '),
);
const ENGLISH = new Set(
  ('the and is are was were to of for with not no my our your you we they it this that has have had been ' +
    'please thanks thank help account seller buyer payment withdrawal money order delivery shipped removed ' +
    'blocked suspended appeal when why how day week month since after before all many very if but can still').split(' '),
);

/**
 * Guesses the language of a text: Han script → zh; otherwise Malay or English by which
 * vocabulary it uses more (ties and empty texts → en).
 */
export function detectLanguage(text: string): TextLanguage {
  const han = text.match(HAN)?.length ?? 0;
  const letters = text.match(LETTER)?.length ?? 0;
  // Mixed texts count as Chinese when Han characters carry a fair share of the letters.
  if (han >= 2 && han * 4 >= letters) return 'zh';
  let malay = 0;
  let english = 0;
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    if (MALAY.has(word)) malay++;
    if (ENGLISH.has(word)) english++;
  }
  return malay > english ? 'ms' : 'en';
}
