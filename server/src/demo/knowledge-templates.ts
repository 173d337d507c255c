import type { Locale } from '../db/schema.js';
import type { DemoCategory } from './texts.js';

/** A demo response template: one reply, in each language it exists in (names are per language). */
export interface DemoTemplate {
  key: string;
  category: DemoCategory | 'payments' | 'order' | null;
  /** Deactivated templates stay listed for publishers (false: retired). */
  active?: boolean;
  texts: Partial<Record<Locale, { name: string; body: string }>>;
}

// Replies the desk sends most. Variables are those of the templates contract ({{case.number}} …);
// the loader records the ones each body uses.
export const DEMO_TEMPLATES: DemoTemplate[] = [
  {
    key: 'acknowledge',
    category: null,
    texts: {
      en: {
        name: 'Acknowledge the escalation',
        body: 'Hi {{requester.name}},\n\nThanks for escalating {{case.number}} ("{{case.title}}"). I have picked it up and am reviewing the account history now. I will update you here by {{case.dueAt}} at the latest.\n\n{{agent.name}}, {{team.name}}',
      },
      zh: {
        name: '确认收到升级',
        body: '{{requester.name}} 你好，\n\n案件 {{case.number}}（{{case.title}}）已收到，由我负责跟进，正在查看账户记录。最晚会在 {{case.dueAt}} 前在这里给你答复。\n\n{{team.name}} {{agent.name}}',
      },
      ms: {
        name: 'Akui penerimaan eskalasi',
        body: 'Hai {{requester.name}},\n\nTerima kasih kerana mengeskalasi {{case.number}} ("{{case.title}}"). Saya telah mengambil kes ini dan sedang menyemak sejarah akaun. Saya akan memberi kemas kini di sini selewat-lewatnya pada {{case.dueAt}}.\n\n{{agent.name}}, {{team.name}}',
      },
    },
  },
  {
    key: 'acknowledge-priority',
    category: null,
    texts: {
      en: {
        name: 'Acknowledge a priority case',
        body: 'Hi {{requester.name}},\n\n{{case.number}} is being handled as {{case.priority}}. Please hold any further promises to {{account.name}} until I revert; I will send the first findings by {{case.firstResponseDueAt}}.\n\n{{agent.name}}',
      },
      zh: {
        name: '确认收到（优先案件）',
        body: '{{requester.name}} 你好，\n\n{{case.number}} 已按 {{case.priority}} 优先处理。在我答复之前，请先不要对 {{account.name}} 作出任何承诺；首次核查结果会在 {{case.firstResponseDueAt}} 前给到你。\n\n{{agent.name}}',
      },
      ms: {
        name: 'Akui kes keutamaan',
        body: 'Hai {{requester.name}},\n\n{{case.number}} dikendalikan sebagai {{case.priority}}. Sila jangan buat sebarang janji lagi kepada {{account.name}} sehingga saya maklumkan; dapatan awal akan dihantar sebelum {{case.firstResponseDueAt}}.\n\n{{agent.name}}',
      },
    },
  },
  {
    key: 'ask-documents',
    category: null,
    texts: {
      en: {
        name: 'Ask for documents',
        body: 'Hi {{requester.name}},\n\nTo move {{case.number}} forward I need a few documents from {{account.name}}:\n\n- \n- \n\nPlease ask them to send everything in one go and attach it to this case; incomplete documents are sent back and add days to the review.\n\nThanks,\n{{agent.name}}',
      },
      zh: {
        name: '索取材料',
        body: '{{requester.name}} 你好，\n\n为推进 {{case.number}}，需要 {{account.name}} 提供以下材料：\n\n- \n- \n\n请对方一次性提供并上传到本案件；材料不全会被退回，审核时间也会延长。\n\n谢谢，\n{{agent.name}}',
      },
      ms: {
        name: 'Minta dokumen',
        body: 'Hai {{requester.name}},\n\nUntuk meneruskan {{case.number}}, saya memerlukan beberapa dokumen daripada {{account.name}}:\n\n- \n- \n\nSila minta mereka menghantar semuanya sekali gus dan lampirkan pada kes ini; dokumen yang tidak lengkap akan dipulangkan dan melambatkan semakan.\n\nTerima kasih,\n{{agent.name}}',
      },
    },
  },
  {
    key: 'ask-bank-details',
    category: 'payments/withdrawal-delayed',
    texts: {
      en: {
        name: 'Withdrawal: ask for bank account details',
        body: 'Hi {{requester.name}},\n\nCould you ask {{account.name}} for a screenshot of the withdrawal page and the bank account holder name exactly as it appears on their bank statement? The bank may have rejected the transfer because of a name mismatch.\n\n{{agent.name}}',
      },
      zh: {
        name: '提现：索取银行账户信息',
        body: '{{requester.name}} 你好，\n\n麻烦请 {{account.name}} 提供提现页面截图，以及银行流水上显示的开户名（请原样提供）。转账可能因开户名不一致被银行退回。\n\n{{agent.name}}',
      },
      ms: {
        name: 'Pengeluaran: minta butiran akaun bank',
        body: 'Hai {{requester.name}},\n\nBoleh minta {{account.name}} hantar tangkapan skrin halaman pengeluaran dan nama pemegang akaun bank tepat seperti dalam penyata bank? Bank mungkin menolak pemindahan kerana nama tidak sepadan.\n\n{{agent.name}}',
      },
    },
  },
  {
    key: 'withdrawal-delayed',
    category: 'payments/withdrawal-delayed',
    texts: {
      en: {
        name: 'Withdrawal delayed: checking with Payments',
        body: 'Hi {{requester.name}},\n\nI have checked the withdrawal on {{case.number}}: it is still with the bank and has passed the 3-working-day SLA. I have asked our Payments team for the transfer status and will update you by {{case.dueAt}}.\n\nPlease let {{account.name}} know their money is not lost: a returned transfer goes back to their balance.\n\n{{agent.name}}',
      },
      zh: {
        name: '提现延迟：已向支付部门核实',
        body: '{{requester.name}} 你好，\n\n已核查 {{case.number}} 的提现：目前仍在银行处理中，已超过3个工作日的时效。我已请支付部门查询转账状态，会在 {{case.dueAt}} 前更新。\n\n请告知 {{account.name}} 资金不会丢失，被退回的转账会回到账户余额。\n\n{{agent.name}}',
      },
      ms: {
        name: 'Pengeluaran tertangguh: sedang disemak dengan Payments',
        body: 'Hai {{requester.name}},\n\nSaya telah menyemak pengeluaran dalam {{case.number}}: ia masih di bank dan telah melepasi SLA 3 hari bekerja. Saya telah meminta pasukan Payments menyemak status pemindahan dan akan memaklumkan anda sebelum {{case.dueAt}}.\n\nSila maklumkan {{account.name}} bahawa wang mereka tidak hilang: pemindahan yang dipulangkan akan kembali ke baki mereka.\n\n{{agent.name}}',
      },
    },
  },
  {
    key: 'payout-hold-review',
    category: 'payments/payout-hold',
    texts: {
      en: {
        name: 'Payout hold: under review',
        body: 'Hello {{account.name}},\n\nYour payout is on hold while our team completes a routine review. This is a standard check and does not mean your account has done anything wrong. Once the review is complete, the payout is released in the next payout cycle.\n\nWe will update you on {{case.number}} by {{case.dueAt}}.\n\n{{agent.name}}, {{team.name}}',
      },
      zh: {
        name: '结算冻结：审核中',
        body: '{{account.name}} 您好，\n\n您的结算正在进行例行审核，暂时冻结。这是标准流程，并不代表您的账户存在违规。审核完成后，款项将在下一个结算周期发放。\n\n我们会在 {{case.dueAt}} 前就 {{case.number}} 给您答复。\n\n{{team.name}} {{agent.name}}',
      },
      ms: {
        name: 'Penahanan pembayaran: dalam semakan',
        body: 'Salam {{account.name}},\n\nPembayaran anda ditahan sementara pasukan kami menyelesaikan semakan rutin. Ini semakan standard dan tidak bermakna akaun anda melakukan kesalahan. Selepas semakan selesai, pembayaran akan dilepaskan pada kitaran seterusnya.\n\nKami akan memaklumkan perkembangan {{case.number}} sebelum {{case.dueAt}}.\n\n{{agent.name}}, {{team.name}}',
      },
    },
  },
  {
    key: 'refund-approved',
    category: 'order/refund-dispute',
    texts: {
      en: {
        name: 'Refund approved',
        body: 'Hello {{account.name}},\n\nGood news: your refund for case {{case.number}} has been approved and sent to your original payment method. E-wallets usually show it within a day, online banking within 3 to 7 working days, and cards within 14 days.\n\nThank you for your patience.\n{{agent.name}}',
      },
      zh: {
        name: '退款已通过',
        body: '{{account.name}} 您好，\n\n案件 {{case.number}} 的退款已审核通过，并已退回原支付方式。电子钱包一般1天内到账，网银3到7个工作日，信用卡最长14天。\n\n感谢您的耐心等待。\n{{agent.name}}',
      },
      ms: {
        name: 'Bayaran balik diluluskan',
        body: 'Salam {{account.name}},\n\nBerita baik: bayaran balik bagi kes {{case.number}} telah diluluskan dan dihantar ke kaedah pembayaran asal anda. E-dompet biasanya dalam sehari, perbankan dalam talian 3 hingga 7 hari bekerja, dan kad dalam tempoh 14 hari.\n\nTerima kasih atas kesabaran anda.\n{{agent.name}}',
      },
    },
  },
  {
    key: 'refund-bank-time',
    category: 'order/refund-dispute',
    texts: {
      en: {
        name: 'Refund sent: bank processing time',
        body: 'Hi {{requester.name}},\n\nThe refund on {{case.number}} was processed on our side. Card refunds can take up to 14 days to appear on the statement, sometimes as a separate credit. Please share the refund reference from the order with {{account.name}} so their bank can trace it.\n\n{{agent.name}}',
      },
      zh: {
        name: '退款已发出：银行处理时间',
        body: '{{requester.name}} 你好，\n\n{{case.number}} 的退款平台已处理完成。信用卡退款最长需要14天才会显示在账单上，有时显示为一笔单独的入账。请把订单中的退款参考号发给 {{account.name}}，方便其银行查询。\n\n{{agent.name}}',
      },
      ms: {
        name: 'Bayaran balik dihantar: masa pemprosesan bank',
        body: 'Hai {{requester.name}},\n\nBayaran balik bagi {{case.number}} telah diproses di pihak kami. Bayaran balik kad boleh mengambil masa sehingga 14 hari untuk muncul dalam penyata, kadangkala sebagai kredit berasingan. Sila kongsi nombor rujukan bayaran balik dengan {{account.name}} supaya bank mereka boleh mengesannya.\n\n{{agent.name}}',
      },
    },
  },
  {
    key: 'handoff-logistics',
    category: 'order/logistics',
    texts: {
      en: {
        name: 'Handed off to Logistics',
        body: 'Hi {{requester.name}},\n\nI have asked our Logistics team to trace the parcel on {{case.number}} with the courier. Couriers usually answer a trace within 1 to 2 working days; I will update you as soon as we hear back, and by {{case.dueAt}} at the latest.\n\nPlease ask {{account.name}} not to open a second claim in the meantime.\n\n{{agent.name}}',
      },
      zh: {
        name: '已转交物流部门',
        body: '{{requester.name}} 你好，\n\n已请物流部门就 {{case.number}} 的包裹向快递发起查件。快递一般1到2个工作日内答复，有结果会第一时间更新，最晚 {{case.dueAt}} 前答复你。\n\n请提醒 {{account.name}} 在此期间不要重复发起理赔。\n\n{{agent.name}}',
      },
      ms: {
        name: 'Diserahkan kepada Logistics',
        body: 'Hai {{requester.name}},\n\nSaya telah meminta pasukan Logistics mengesan bungkusan bagi {{case.number}} dengan kurier. Kurier biasanya menjawab dalam 1 hingga 2 hari bekerja; saya akan maklumkan sebaik sahaja ada jawapan, selewat-lewatnya pada {{case.dueAt}}.\n\nSila minta {{account.name}} tidak membuka tuntutan kedua sementara itu.\n\n{{agent.name}}',
      },
    },
  },
  {
    key: 'listing-reinstated',
    category: 'listing/removed',
    texts: {
      en: {
        name: 'Listing reinstated',
        body: 'Hi {{requester.name}},\n\nThe takedown on {{case.number}} was reviewed: the listing was removed by mistake and has been reinstated. {{account.name}} does not need to create it again; duplicate listings are removed as spam.\n\n{{agent.name}}',
      },
      zh: {
        name: '商品已恢复',
        body: '{{requester.name}} 你好，\n\n{{case.number}} 的下架已复核：商品属于误下架，现已恢复。{{account.name}} 无需重新发布，重复商品会被当作垃圾信息删除。\n\n{{agent.name}}',
      },
      ms: {
        name: 'Penyenaraian dipulihkan',
        body: 'Hai {{requester.name}},\n\nPemadaman dalam {{case.number}} telah disemak: penyenaraian dipadam secara tersilap dan kini telah dipulihkan. {{account.name}} tidak perlu menciptanya semula; penyenaraian pendua akan dipadam sebagai spam.\n\n{{agent.name}}',
      },
    },
  },
  {
    key: 'appeal-received',
    category: 'account/suspension-appeal',
    texts: {
      en: {
        name: 'Suspension appeal received',
        body: 'Hello {{account.name}},\n\nWe have received your appeal ({{case.number}}) and passed it to the team that reviews suspensions, together with the documents you sent. Reviews take up to 2 working days. Orders placed before the suspension can still be shipped within 3 days.\n\n{{agent.name}}, {{team.name}}',
      },
      zh: {
        name: '已收到封号申诉',
        body: '{{account.name}} 您好，\n\n您的申诉（{{case.number}}）已收到，并已连同您提供的材料提交给审核团队，审核最长需要2个工作日。封号前产生的订单仍可在3天内发货。\n\n{{team.name}} {{agent.name}}',
      },
      ms: {
        name: 'Rayuan penggantungan diterima',
        body: 'Salam {{account.name}},\n\nKami telah menerima rayuan anda ({{case.number}}) dan menyerahkannya kepada pasukan yang menyemak penggantungan, bersama dokumen yang anda hantar. Semakan mengambil masa sehingga 2 hari bekerja. Pesanan yang dibuat sebelum penggantungan masih boleh dihantar dalam tempoh 3 hari.\n\n{{agent.name}}, {{team.name}}',
      },
    },
  },
  {
    key: 'verification-manual-review',
    category: 'account/verification',
    texts: {
      en: {
        name: 'Verification sent for manual review',
        body: 'Hi {{requester.name}},\n\nThe documents on {{case.number}} are fine; our system could not read them automatically, so I have sent the verification of {{account.name}} for manual review. It takes 1 to 2 working days and they do not need to upload anything again.\n\n{{agent.name}}',
      },
      zh: {
        name: '认证已提交人工审核',
        body: '{{requester.name}} 你好，\n\n{{case.number}} 的证件没有问题，是系统无法自动识别，已把 {{account.name}} 的认证提交人工审核，需要1到2个工作日，对方无需重新上传。\n\n{{agent.name}}',
      },
      ms: {
        name: 'Pengesahan dihantar untuk semakan manual',
        body: 'Hai {{requester.name}},\n\nDokumen dalam {{case.number}} tiada masalah; sistem kami tidak dapat membacanya secara automatik, jadi saya telah menghantar pengesahan {{account.name}} untuk semakan manual. Ia mengambil masa 1 hingga 2 hari bekerja dan mereka tidak perlu memuat naik semula.\n\n{{agent.name}}',
      },
    },
  },
  {
    key: 'commission-recalculated',
    category: 'creator/commission',
    texts: {
      en: {
        name: 'Commission recalculated',
        body: 'Hello {{account.name}},\n\nWe have reviewed your commission ({{case.number}}). Some orders were not credited to you because of an issue on our side; the commission has been recalculated and the difference will be paid in the next monthly cycle, on the 15th.\n\n{{agent.name}}, {{team.name}}',
      },
      zh: {
        name: '佣金已重新计算',
        body: '{{account.name}} 您好，\n\n已核查您的佣金（{{case.number}}）。由于平台原因，部分订单没有计入您的佣金；现已重新计算，差额将在下一个月度结算日（15日）发放。\n\n{{team.name}} {{agent.name}}',
      },
      ms: {
        name: 'Komisen dikira semula',
        body: 'Salam {{account.name}},\n\nKami telah menyemak komisen anda ({{case.number}}). Sebahagian pesanan tidak dikreditkan kepada anda kerana isu di pihak kami; komisen telah dikira semula dan perbezaannya akan dibayar pada kitaran bulanan seterusnya, pada 15 haribulan.\n\n{{agent.name}}, {{team.name}}',
      },
    },
  },
  {
    key: 'waiting-for-reply',
    category: null,
    texts: {
      en: {
        name: 'Reminder: waiting for your reply',
        body: 'Hi {{requester.name}},\n\nA reminder that {{case.number}} is waiting for the information I asked for. The case is paused until then; once we have it I will continue straight away.\n\n{{agent.name}}',
      },
      zh: {
        name: '提醒：等待你的回复',
        body: '{{requester.name}} 你好，\n\n提醒一下，{{case.number}} 还在等待之前索取的信息，在此之前案件处于暂停状态，收到后我会立即继续处理。\n\n{{agent.name}}',
      },
      ms: {
        name: 'Peringatan: menunggu balasan anda',
        body: 'Hai {{requester.name}},\n\nPeringatan bahawa {{case.number}} sedang menunggu maklumat yang saya minta. Kes ini ditangguhkan sehingga itu; sebaik sahaja diterima, saya akan terus menyambungnya.\n\n{{agent.name}}',
      },
    },
  },
  {
    key: 'resolved-closing',
    category: null,
    texts: {
      en: {
        name: 'Resolved: confirm and close',
        body: 'Hi {{requester.name}},\n\n{{case.number}} ({{case.category}}) is resolved. Could you let {{account.name}} know and confirm here? If nothing comes back, the case closes automatically after the quiet period; if the problem returns, reopen this case rather than filing a new one.\n\nThanks,\n{{agent.name}}, {{team.name}}',
      },
      zh: {
        name: '已解决：请确认并结案',
        body: '{{requester.name}} 你好，\n\n{{case.number}}（{{case.category}}）已处理完毕。请告知 {{account.name}} 并在这里确认。如无回复，案件会在静默期后自动关闭；如问题再次出现，请重开本案件，不要新建。\n\n谢谢，\n{{team.name}} {{agent.name}}',
      },
      ms: {
        name: 'Selesai: sahkan dan tutup',
        body: 'Hai {{requester.name}},\n\n{{case.number}} ({{case.category}}) telah selesai. Boleh maklumkan {{account.name}} dan sahkan di sini? Jika tiada balasan, kes akan ditutup secara automatik selepas tempoh senyap; jika masalah berulang, buka semula kes ini dan bukan kes baharu.\n\nTerima kasih,\n{{agent.name}}, {{team.name}}',
      },
    },
  },
  {
    key: 'withdrawal-sla-old',
    category: 'payments/withdrawal-delayed',
    active: false,
    texts: {
      en: {
        name: 'Withdrawal: 5-working-day SLA (retired)',
        body: 'Hi {{requester.name}},\n\nWithdrawals are credited within 5 working days. {{case.number}} is still within that time; please ask {{account.name}} to wait until then.\n\n{{agent.name}}',
      },
    },
  },
];
