import type { CategoryText, CommonText, DemoCategory } from './texts.js';

// Malay pieces of the demo history, as Malaysian Tier 1 agents write them (with the odd English term).

export const COMMON_MS: CommonText = {
  firstReplies: [
    'Hi {requester}, terima kasih kerana escalate. Saya sedang semak dengan pasukan berkaitan.',
    'Hi {requester}, kes ini dengan saya sekarang. Saya akan update di sini bila ada maklumat.',
    'Terima kasih {requester}. Kes diterima; saya sedang semak sejarah akaun. Mohon jangan beri sebarang janji kepada {type} sehingga saya maklumkan.',
  ],
  confirmations: [
    'Sudah sahkan dengan {type}, semua ok sekarang. Terima kasih atas bantuan!',
    '{type} sudah maklum dan berpuas hati. Boleh tutup kes.',
    'Terima kasih, sudah maklumkan kepada {type}.',
  ],
  reopenReasons: ['Buka semula: {type} hubungi kami lagi hari ini, masalah yang sama berlaku lagi.', '{type} kata masalah belum selesai sepenuhnya, mohon semak semula.'],
  handoffNotes: ['Sudah hantar kepada {team}; tunggu jawapan mereka sebelum balas kepada {type}.', 'Perlukan pengesahan {team} dahulu. Handoff telah dibuat.'],
  partnerAnsweredNotes: ['{team} sudah jawab, teruskan dengan penyelesaian.', 'Jawapan daripada {team} diterima. Sedang sediakan balasan.'],
  accountMessages: ['{account} yang dihormati, terima kasih atas kesabaran anda. {resolution}', 'Salam {account}, kami telah selesai menyemak kes anda. {resolution}'],
  legalThreat: ['{type} kata sudah lantik peguam dan akan hantar surat tuntutan jika tidak selesai minggu ini.', '{type} mengugut untuk mengambil tindakan undang-undang.'],
  mediaThreat: ['{type} sudah tular di media sosial tentang isu ini.', 'Mereka kata akan viralkan di TikTok jika tidak diselesaikan.'],
  regulatorThreat: ['{type} mahu buat aduan kepada Tribunal Tuntutan Pengguna.', 'Mereka kata akan lapor kepada KPDN jika tiada jawapan.'],
  repeatNotes: ['Nota: akaun yang sama pernah escalate isu yang sama baru-baru ini.', 'Aduan berulang: {type} ini sudah buat aduan sama dalam bulan ini.'],
  internalNotes: ['Sudah semak admin console, tiada flag lain pada akaun.', 'Sudah maklumkan kepada lead yang bertugas.', 'Sejarah akaun bersih; tiada pelanggaran dalam 6 bulan lepas.'],
  mergeReasons: ['Pendua bagi escalation terdahulu untuk akaun dan isu yang sama.'],
  quotes: [
    'Penjual tulis: "Tolong la, duit saya dah lama tak masuk, saya nak bayar supplier."',
    'Kata pelanggan: "Barang tak sampai lagi, dah seminggu tunggu."',
    'Penjual kata: "Saya tak faham kenapa akaun saya disekat, saya tak buat salah pun."',
  ],
  typeNames: { seller: 'penjual', creator: 'pencipta kandungan', customer: 'pelanggan' },
};

export const TEXT_MS: Record<DemoCategory, CategoryText> = {
  'payments/withdrawal-delayed': {
    titles: [
      'Pengeluaran {wid} sebanyak {amount} tertangguh {days} hari',
      'Pengeluaran wang penjual belum masuk selepas {days} hari',
      'Pengeluaran ke akaun {bank} masih "Processing"',
      'Segera: pengeluaran {wid} belum dikreditkan',
    ],
    openings: [
      'Penjual {account} ({id}) membuat pengeluaran sebanyak {amount} ke akaun {bank} {days} hari lepas tetapi wang belum diterima.',
      'Penjual {account} kata pengeluaran {wid} ({amount}) masih berstatus "Processing" sejak {days} hari.',
    ],
    details: [
      'Halaman pengeluaran tidak tunjuk sebarang ralat. SLA pengeluaran ialah 3 hari bekerja.',
      'Maklumat bank dikemas kini minggu lepas; nama akaun sama dengan pendaftaran SSM.',
      'Penjual perlukan wang untuk bayar pembekal dan sudah telefon tiga kali.',
    ],
    asks: ['Mohon semak dengan Payments kenapa pengeluaran tertangguh dan berikan ETA.', 'Sila maklumkan status pengeluaran dan sama ada penjual perlu buat apa-apa.'],
    infoRequests: ['Boleh dapatkan screenshot halaman pengeluaran dan 4 digit akhir akaun bank?', 'Sila minta penjual sahkan nama pemegang akaun bank seperti dalam penyata.'],
    infoReplies: ['Screenshot sudah dilampirkan dalam tiket CRM; akaun bank berakhir dengan {digits}.', 'Penjual sahkan nama pemegang akaun sama dengan nama syarikat.'],
    handoffs: [
      ['Pengeluaran {wid} ({amount}) sudah {days} hari dalam proses. Boleh semak status pemindahan bank dan sebab kelewatan?', 'Pemindahan {wid} ditolak oleh {bank} kali pertama (nama akaun tidak sepadan). Sudah dihantar semula selepas penjual betulkan nama; akan masuk dalam 1 hari bekerja.'],
      ['Mohon sahkan sama ada pengeluaran {wid} ditahan oleh peraturan risiko atau oleh bank.', 'Tiada tahanan risiko. Batch hari tersebut gagal di payment gateway; sudah dihantar semula pagi ini dan kini selesai.'],
    ],
    outcomes: [
      { rootCauseCode: 'bank-rejected', rootCause: 'Bank menolak pemindahan kerana nama pemegang akaun tidak sepadan dengan nama berdaftar.', resolutionCode: 'reprocessed', resolution: 'Penjual betulkan nama akaun bank; Payments hantar semula pengeluaran dan wang sudah dikreditkan.', reply: 'Pengeluaran ditolak bank kerana nama tidak sepadan. Selepas dibetulkan, ia dihantar semula dan sudah masuk. Sila maklumkan kepada penjual.' },
      { rootCauseCode: 'gateway-batch-failure', rootCause: 'Batch pembayaran gagal di payment gateway dan tidak dicuba semula secara automatik.', resolutionCode: 'reprocessed', resolution: 'Payments hantar semula batch yang gagal; pengeluaran selesai.', reply: 'Kelewatan berpunca daripada batch yang gagal di pihak kami. Sudah dihantar semula dan penjual patut nampak wang sekarang.' },
      { rootCauseCode: 'bank-holiday', rootCause: 'Pengeluaran dibuat pada cuti umum; bank memproses pada hari bekerja berikutnya.', resolutionCode: 'explained', resolution: 'Wang dikreditkan pada hari bekerja berikutnya; jadual cuti sudah diterangkan kepada penjual.', reply: 'Kelewatan disebabkan cuti umum. Wang sudah masuk; sila kongsi jadual pembayaran musim cuti dengan penjual.' },
    ],
  },
  'payments/payout-hold': {
    titles: ['Bayaran {amount} ditahan selama {days} hari', 'Pembayaran penjual dibekukan tanpa sebab', 'Penyelesaian ditahan – {count} pesanan belum dilepaskan'],
    openings: [
      'Penjual {account} ({id}) kata bayaran {amount} untuk {count} pesanan yang sudah selesai ditahan selama {days} hari.',
      'Penyelesaian penjual menunjukkan "Ditahan – dalam semakan" tanpa sebarang sebab.',
    ],
    details: ['Pesanan sudah dihantar dan disahkan oleh pembeli. Tiada notis pelanggaran di seller centre.', 'Jualan penjual meningkat mendadak semasa kempen, mungkin mencetuskan semakan.'],
    asks: ['Mohon maklumkan kenapa bayaran ditahan dan bila akan dilepaskan.', 'Boleh tolong lepaskan tahanan atau sekurang-kurangnya beri sebab untuk dikongsi dengan penjual?'],
    infoRequests: ['Boleh minta invois untuk 5 pesanan terbesar semasa kempen?', 'Sila sahkan sama ada penjual menukar akaun bayaran baru-baru ini.'],
    infoReplies: ['Penjual sudah muat naik invois pembekal.', 'Ya, akaun bayaran ditukar 2 minggu lepas.'],
    handoffs: [
      ['Bayaran {amount} untuk {account} ({id}) ditahan. Adakah ini semakan risiko, dan apa yang diperlukan untuk melepaskannya?', 'Ditahan oleh peraturan risiko untuk peningkatan jualan mendadak. Invois disemak dan diterima; tahanan dilepaskan.'],
      ['Boleh sahkan sebab tahanan pada {id} dan sama ada dokumen diperlukan?', 'Tahanan kerana akaun bayaran baru ditukar. Pengesahan lulus; dilepaskan hari ini.'],
    ],
    outcomes: [
      { rootCauseCode: 'risk-rule-volume', rootCause: 'Tahanan risiko automatik kerana peningkatan pesanan mendadak semasa kempen.', resolutionCode: 'released', resolution: 'Pasukan risiko semak invois dan lepaskan bayaran.', reply: 'Bayaran ditahan oleh semakan risiko automatik. Invois diterima dan tahanan dilepaskan.' },
      { rootCauseCode: 'account-change-check', rootCause: 'Pertukaran akaun bayaran mencetuskan semakan keselamatan 14 hari.', resolutionCode: 'released', resolution: 'Pengesahan pemilikan selesai; bayaran dilepaskan.', reply: 'Tahanan daripada semakan keselamatan selepas pertukaran akaun. Kini sudah dilepaskan.' },
      { rootCauseCode: 'policy-violation', rootCause: 'Beberapa pesanan ditanda sebagai transaksi palsu oleh model fraud.', resolutionCode: 'upheld', resolution: 'Tahanan dikekalkan untuk pesanan yang ditanda; baki dilepaskan.', reply: 'Sebahagian bayaran masih ditahan kerana pesanan mencurigakan; selebihnya sudah dilepaskan. Penjual boleh rayu dengan bukti penghantaran.' },
    ],
  },
  'listing/removed': {
    titles: ['Penyenaraian {listing} dipadam – penjual tidak setuju', 'Produk "{product}" diturunkan tanpa notis', '{count} penyenaraian dipadam semalaman'],
    openings: ['Penjual {account} ({id}) kata penyenaraian {listing} ({product}) dipadam atas sebab "barang larangan".', 'Penjual dapati {count} penyenaraian dipadam pagi ini, termasuk produk terlaris {product}.'],
    details: ['Produk ini barang biasa dan sudah disenaraikan berbulan-bulan dengan rating yang baik.', 'Tiada e-mel amaran sebelum dipadam; notis hanya tulis "pelanggaran polisi".'],
    asks: ['Mohon semak sama ada pemadaman betul dan pulihkan jika tersilap.', 'Sila semak polisi mana yang digunakan dan maklumkan penjual.'],
    infoRequests: ['Sila minta sijil produk / kelulusan SIRIM jika ada.', 'Boleh sahkan ayat penuh notis yang penjual terima?'],
    infoReplies: ['Penjual sudah hantar sijil, dimuat naik ke tiket.', 'Notis: "Penyenaraian melanggar polisi barang larangan (seksyen 4.2)".'],
    handoffs: [
      ['Penyenaraian {listing} ({product}) dipadam sebagai barang larangan. Penjual kata ini barang biasa. Boleh semak?', 'Disemak: penapis kata kunci tersilap padan. False positive; penyenaraian dipulihkan.'],
      ['Mohon sahkan sama ada {listing} melanggar polisi dan sama ada penjual boleh senarai semula selepas edit.', 'Penyenaraian membuat dakwaan perubatan yang tidak dibenarkan. Boleh senarai semula selepas buang dakwaan tersebut.'],
    ],
    outcomes: [
      { rootCauseCode: 'false-positive-filter', rootCause: 'Penapis kata kunci automatik tersilap menanda penyenaraian.', resolutionCode: 'reinstated', resolution: 'Penyenaraian dipulihkan dan peraturan kata kunci dilaporkan.', reply: 'Pemadaman adalah false positive daripada penapis automatik. Penyenaraian sudah aktif semula.' },
      { rootCauseCode: 'policy-correctly-applied', rootCause: 'Penyenaraian mengandungi dakwaan yang tidak dibenarkan oleh polisi.', resolutionCode: 'upheld-with-guidance', resolution: 'Pemadaman dikekalkan; penjual diberi panduan untuk senarai semula.', reply: 'Pemadaman betul mengikut polisi, tetapi penjual boleh senarai semula selepas buang dakwaan tersebut.' },
      { rootCauseCode: 'missing-certificate', rootCause: 'Produk terkawal disenaraikan tanpa sijil yang diperlukan.', resolutionCode: 'reinstated', resolution: 'Penjual beri sijil; penyenaraian dipulihkan.', reply: 'Selepas sijil diterima, penyenaraian sudah dipulihkan.' },
    ],
  },
  'listing/counterfeit-claim': {
    titles: ['Aduan barang tiruan daripada {brand} ke atas {listing}', 'Tuntutan pemilik jenama: {brand} {product}', 'Penjual pertikai aduan IP oleh {brand}'],
    openings: ['{brand} membuat aduan IP terhadap penyenaraian {listing} ({product}) oleh penjual {account} ({id}).', 'Penjual {account} kata {product} {brand} mereka tulen dan aduan barang tiruan itu salah.'],
    details: ['Penjual kata mereka penjual semula yang sah dan ada invois pengedar.', 'Seorang pembeli juga lapor barang itu palsu selepas terima.'],
    asks: ['Mohon nasihat sama ada penjual boleh hantar counter-notice dan bukti apa diperlukan.', 'Perlukan panduan sama ada penyenaraian perlu kekal diturunkan.'],
    infoRequests: ['Sila dapatkan invois pengedar dan surat kebenaran daripada penjual.', 'Minta penjual ambil gambar pembungkusan dan nombor siri.'],
    infoReplies: ['Penjual beri invois daripada pengedar sah.', 'Gambar diterima; nombor siri jelas.'],
    handoffs: [
      ['{brand} dakwa {listing} tiruan; penjual ada invois pengedar. Adakah counter-notice sah?', 'Invois daripada pengedar yang diiktiraf. Counter-notice diterima; pemilik jenama ada 10 hari bekerja untuk menjawab.'],
      ['Aduan pemilik jenama terhadap {account} – perlu escalate ke program perlindungan jenama?', 'Ya, aduan ketiga terhadap penjual ini. Penyenaraian dipadam kekal dan strike dikenakan.'],
    ],
    outcomes: [
      { rootCauseCode: 'valid-ip-complaint', rootCause: 'Aduan pemilik jenama sah: barang tidak tulen.', resolutionCode: 'upheld', resolution: 'Penyenaraian dipadam dan strike IP dikenakan.', reply: 'Legal sahkan aduan adalah sah. Penyenaraian kekal dipadam dan strike dikenakan.' },
      { rootCauseCode: 'authorised-reseller', rootCause: 'Penjual adalah penjual semula sah; aduan tidak berasas.', resolutionCode: 'reinstated', resolution: 'Counter-notice diterima dan penyenaraian dipulihkan.', reply: 'Penjual buktikan mereka penjual semula sah. Penyenaraian sudah dipulihkan.' },
    ],
  },
  'account/suspension-appeal': {
    titles: ['Rayuan penggantungan akaun {account}', 'Akaun {id} digantung – rayuan dengan bukti', 'Akaun disekat, mohon semakan semula'],
    openings: ['Penjual {account} ({id}) digantung pada {date} atas sebab "pelanggaran polisi berulang" dan membuat rayuan.', '{type} {account} kata akaun mereka disekat tanpa amaran awal.'],
    details: ['Mereka ada {count} pesanan tertunda yang tidak boleh dihantar semasa akaun digantung.', 'Penjual mengaku satu kes lewat hantar tetapi menafikan pelanggaran lain.'],
    asks: ['Mohon semak rayuan dan maklumkan sama ada penggantungan boleh ditarik balik.', 'Sila semak sejarah pelanggaran dan dokumen rayuan.'],
    infoRequests: ['Sila minta resit penghantaran untuk pesanan yang ditanda lewat.', 'Boleh dapatkan surat rayuan bertulis daripada penjual?'],
    infoReplies: ['Resit penghantaran sudah dimuat naik.', 'Surat rayuan dilampirkan dalam tiket CRM.'],
    handoffs: [
      ['Rayuan untuk {account} ({id}), digantung pada {date}. Bukti dilampirkan. Boleh semak mata pelanggaran?', 'Dua daripada tiga mata pelanggaran adalah ralat sistem semasa gangguan kurier. Mata dibuang; penggantungan ditarik balik.'],
      ['Mohon sahkan sama ada penggantungan {id} muktamad atau boleh ditukar kepada amaran.', 'Pelanggaran disahkan (ulasan palsu). Penggantungan kekal 30 hari.'],
    ],
    outcomes: [
      { rootCauseCode: 'system-error-points', rootCause: 'Mata pelanggaran diberi secara salah semasa gangguan kurier.', resolutionCode: 'reversed', resolution: 'Mata dibuang dan akaun diaktifkan semula.', reply: 'Penggantungan berdasarkan mata yang tersilap. Akaun sudah aktif semula.' },
      { rootCauseCode: 'confirmed-violation', rootCause: 'Aktiviti ulasan palsu berulang disahkan.', resolutionCode: 'upheld', resolution: 'Penggantungan dikekalkan; penjual dimaklumkan tarikh akaun dipulihkan.', reply: 'Rayuan ditolak kerana pelanggaran disahkan. Penggantungan tamat selepas 30 hari.' },
    ],
  },
  'account/verification': {
    titles: ['Pengesahan KYC tersekat untuk {account}', 'Pengesahan akaun ditolak – dokumen sah', 'Pengesahan perniagaan belum selesai {days} hari'],
    openings: ['Penjual {account} ({id}) hantar pendaftaran SSM dan IC {days} hari lepas; pengesahan masih belum selesai.', 'Pengesahan {account} ditolak dengan sebab "dokumen tidak jelas" walaupun imbasan jelas.'],
    details: ['Tanpa pengesahan mereka tidak boleh buat pengeluaran atau senarai lebih 10 produk.', 'Mereka sudah hantar dokumen tiga kali.'],
    asks: ['Mohon semak barisan pengesahan dan maklumkan.', 'Boleh Product Ops semak sebab penolakan?'],
    infoRequests: ['Sila minta penjual hantar semula IC dengan keempat-empat penjuru kelihatan.', 'Boleh sahkan nombor pendaftaran yang dimasukkan penjual?'],
    infoReplies: ['Penjual sudah hantar imbasan yang lebih jelas.', 'Nombor pendaftaran disahkan sama dengan sijil.'],
    handoffs: [
      ['Pengesahan {account} ({id}) belum selesai {days} hari. Adakah OCR gagal untuk jenis dokumen ini?', 'Ya, OCR gagal membaca format IC baharu. Disahkan secara manual dan diluluskan.'],
      ['Mohon semak penolakan pengesahan {id}; dokumen nampak sah.', 'Penolakan betul: nombor pendaftaran tidak sepadan. Penjual perlu hantar semula.'],
    ],
    outcomes: [
      { rootCauseCode: 'ocr-failure', rootCause: 'OCR dokumen tidak dapat membaca format IC baharu.', resolutionCode: 'manually-verified', resolution: 'Product Ops sahkan akaun secara manual.', reply: 'Pengesahan diluluskan selepas semakan manual. Penjual boleh buat pengeluaran seperti biasa.' },
      { rootCauseCode: 'seller-data-error', rootCause: 'Nombor pendaftaran yang dimasukkan penjual tidak sepadan dengan dokumen.', resolutionCode: 'guided', resolution: 'Penjual betulkan nombor dan akaun disahkan.', reply: 'Nombor yang dimasukkan salah. Selepas dibetulkan, akaun sudah disahkan.' },
    ],
  },
  'order/logistics': {
    titles: ['Pesanan {order} tersekat dalam transit {days} hari', 'Bungkusan hilang oleh {courier} – pesanan {order}', 'Tracking {tracking} tunjuk dihantar tetapi pembeli tidak terima'],
    openings: ['Pelanggan {account} kata pesanan {order} berstatus "Dalam transit" dengan {courier} selama {days} hari.', 'Nombor tracking {tracking} tunjuk sudah dihantar, tetapi pembeli {account} kata tiada barang sampai.'],
    details: ['Barang ialah {product} bernilai {amount}.', 'Hab kurier tidak kemas kini imbasan sejak keluar dari pusat sortir.'],
    asks: ['Mohon semak dengan Logistics dan nasihatkan sama ada perlu refund atau hantar semula.', 'Sila jejak bungkusan dengan kurier.'],
    infoRequests: ['Sila sahkan alamat penghantaran dengan pembeli.', 'Boleh dapatkan log pondok pengawal di kediaman pembeli?'],
    infoReplies: ['Pembeli sahkan alamat betul, tiada siapa terima.', 'Pondok pengawal tiada rekod penghantaran.'],
    handoffs: [
      ['Pesanan {order} ({courier}, {tracking}) tersekat {days} hari. Boleh jejak?', 'Bungkusan tersalah sortir di hab; sudah dihantar semula dan akan sampai dalam 2 hari.'],
      ['Tracking {tracking} tunjuk dihantar, pembeli pertikai. Boleh dapatkan bukti penghantaran?', '{courier} tidak dapat beri tandatangan atau gambar. Bungkusan diisytiharkan hilang; kurier akan bayar pampasan.'],
    ],
    outcomes: [
      { rootCauseCode: 'courier-missort', rootCause: 'Bungkusan tersalah sortir di hab kurier.', resolutionCode: 'delivered', resolution: 'Bungkusan dihantar semula dan sampai.', reply: 'Bungkusan tersalah sortir oleh kurier. Kini sudah sampai kepada pembeli.' },
      { rootCauseCode: 'courier-loss', rootCause: 'Kurier menghilangkan bungkusan; tiada bukti penghantaran.', resolutionCode: 'refunded', resolution: 'Pembeli menerima bayaran balik penuh; kurier bertanggungjawab atas tuntutan.', reply: 'Kurier menghilangkan bungkusan. Pembeli sudah menerima bayaran balik penuh.' },
      { rootCauseCode: 'address-issue', rootCause: 'Alamat penghantaran tidak lengkap.', resolutionCode: 'reshipped', resolution: 'Alamat dibetulkan; penjual hantar semula.', reply: 'Alamat tidak lengkap. Sudah dibetulkan dan barang dihantar semula.' },
    ],
  },
  'order/refund-dispute': {
    titles: ['Pertikaian bayaran balik pesanan {order} ({amount})', 'Pembeli belum terima bayaran balik untuk pesanan {order}', 'Penjual pertikai keputusan refund – pesanan {order}'],
    openings: ['Pembeli {account} sudah pulangkan {product} daripada pesanan {order} tetapi belum terima bayaran balik {amount}.', 'Penjual {account} tidak setuju dengan refund kepada pembeli bagi pesanan {order}; barang yang dipulangkan rosak.'],
    details: ['Barang pulangan diterima penjual {days} hari lepas mengikut tracking.', 'Pembeli juga sudah buat chargeback dengan bank kad.'],
    asks: ['Mohon semak status bayaran balik.', 'Sila semak pertikaian dan bukti kedua-dua pihak.'],
    infoRequests: ['Sila minta gambar barang yang dipulangkan daripada penjual.', 'Boleh dapatkan penyata bank pembeli?'],
    infoReplies: ['Gambar diterima, skrin retak.', 'Pembeli hantar penyata, tiada bayaran balik masuk.'],
    handoffs: [
      ['Bayaran balik {amount} untuk {order} belum diterima pembeli. Boleh semak transaksi refund?', 'Refund dibuat ke kad asal; bank ambil masa sehingga 14 hari. Nombor rujukan dikongsi.'],
      ['Penjual pertikai refund untuk {order}, dakwa kerosakan oleh pembeli. Boleh nilai?', 'Bukti menunjukkan kerosakan berlaku semasa transit. Refund kekal; tuntutan kurier dibuat untuk penjual.'],
    ],
    outcomes: [
      { rootCauseCode: 'bank-processing-time', rootCause: 'Refund kad ambil masa sehingga 14 hari di bank pengeluar.', resolutionCode: 'explained', resolution: 'Nombor rujukan refund dikongsi; pembeli sahkan sudah terima.', reply: 'Bayaran balik sudah diproses; bank perlukan masa. Sila kongsi nombor rujukan dengan pembeli.' },
      { rootCauseCode: 'transit-damage', rootCause: 'Barang rosak semasa transit pulangan.', resolutionCode: 'compensated', resolution: 'Refund dikekalkan; penjual dapat pampasan melalui tuntutan kurier.', reply: 'Barang rosak semasa transit. Refund kekal dan penjual dibayar pampasan melalui tuntutan kurier.' },
    ],
  },
  'creator/commission': {
    titles: ['Komisen pencipta kandungan hilang untuk {campaign}', 'Komisen affiliate dibayar pada kadar salah ({rate}%)', 'Komisen {amount} belum dikreditkan'],
    openings: ['Pencipta kandungan {account} ({id}) kata komisen kempen {campaign} ({amount}) belum dikreditkan.', 'Pencipta kandungan lapor komisen dikira pada {rate}% dan bukan kadar yang dipersetujui.'],
    details: ['Mereka jana {count} pesanan melalui pautan affiliate.', 'Dashboard tunjuk pesanan "Tidak sah – dipulangkan" walaupun pembeli simpan barang.'],
    asks: ['Mohon semak pengiraan komisen.', 'Sila maklumkan bila komisen yang hilang akan dibayar.'],
    infoRequests: ['Sila dapatkan perjanjian kadar yang ditandatangani.', 'Boleh minta senarai nombor pesanan yang hilang?'],
    infoReplies: ['Perjanjian dilampirkan.', 'Senarai 12 nombor pesanan diberikan.'],
    handoffs: [
      ['Komisen {account} ({campaign}) hilang. Boleh semak atribusi?', 'Atribusi gagal untuk pesanan daripada app semasa siaran langsung. Dikira semula; {amount} akan dibayar dalam kitaran seterusnya.'],
      ['Pencipta {id} kata kadar sepatutnya lebih tinggi daripada {rate}%. Boleh sahkan kadar kontrak?', 'Kadar khas tidak dikonfigurasi untuk kempen ini. Perbezaan sudah dibayar.'],
    ],
    outcomes: [
      { rootCauseCode: 'attribution-bug', rootCause: 'Pesanan app daripada siaran langsung tidak diatribusikan kepada pencipta.', resolutionCode: 'paid', resolution: 'Komisen dikira semula dan dibayar.', reply: 'Komisen hilang kerana isu atribusi. Sudah dikira semula dan dibayar.' },
      { rootCauseCode: 'rate-config-error', rootCause: 'Kadar kempen tidak ditetapkan seperti dipersetujui.', resolutionCode: 'paid', resolution: 'Perbezaan dibayar dan konfigurasi dibetulkan.', reply: 'Kadar salah dikonfigurasi untuk kempen; perbezaan sudah dibayar.' },
    ],
  },
  'creator/live-violation': {
    titles: ['Siaran langsung {live} dihentikan kerana pelanggaran', 'Pencipta {account} disekat live 7 hari', 'Live ditanda – pencipta kandungan pertikai'],
    openings: ['Siaran langsung {live} oleh pencipta {account} ({id}) dihentikan pada {date} atas sebab "kandungan larangan".', 'Pencipta kandungan disekat daripada live selama 7 hari selepas laporan penonton.'],
    details: ['Mereka jual kosmetik dan kata tiada apa-apa yang dilarang ditunjukkan.', 'Sesi itu ada {count} penonton dan mereka rugi jualan semasa kempen.'],
    asks: ['Mohon semak rakaman dan pelanggaran.', 'Sila maklumkan sama ada sekatan live boleh ditarik balik.'],
    infoRequests: ['Sila tanya pencipta pada minit ke berapa mereka rasa live dihentikan.', 'Boleh dapatkan rakaman daripada pencipta?'],
    infoReplies: ['Pencipta kata sekitar minit ke-42 semasa tunjuk perbandingan harga.', 'Pautan rakaman ditambah ke tiket.'],
    handoffs: [
      ['Live {live} oleh {account} dihentikan. Boleh semak rakaman dan sahkan pelanggaran?', 'Disemak: model tanda perbandingan produk sebagai mengelirukan. False positive; sekatan ditarik balik.'],
      ['Pencipta pertikai sekatan live 7 hari. Boleh sahkan polisi yang digunakan?', 'Pelanggaran disahkan: dakwaan kesihatan tanpa kelulusan. Sekatan kekal.'],
    ],
    outcomes: [
      { rootCauseCode: 'moderation-false-positive', rootCause: 'Moderasi automatik tanda kandungan yang dibenarkan.', resolutionCode: 'reversed', resolution: 'Sekatan ditarik balik; pencipta diberi kredit promosi.', reply: 'Pelanggaran adalah false positive. Sekatan live sudah ditarik balik.' },
      { rootCauseCode: 'confirmed-violation', rootCause: 'Dakwaan kesihatan tanpa kelulusan semasa live.', resolutionCode: 'upheld-with-guidance', resolution: 'Sekatan dikekalkan; panduan jualan live dikongsi.', reply: 'Pelanggaran disahkan. Sekatan kekal; kami sudah kongsi garis panduan jualan live.' },
    ],
  },
};
