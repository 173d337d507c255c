import type { CategoryText, CommonText, DemoCategory } from './texts.js';

// Chinese pieces of the demo history, as Tier 1 agents in China write them (English terms left as they use them).

export const COMMON_ZH: CommonText = {
  firstReplies: [
    '{requester}你好，已收到升级工单，我这边正在和相关团队核实。',
    '{requester}你好，这个case我来跟进，有结果会在这里同步。',
    '收到，{requester}。正在查看账户历史记录，在我回复之前请先不要向{type}做任何承诺。',
  ],
  confirmations: ['已和{type}确认，问题已解决，谢谢支持！', '{type}已知悉并接受处理结果，可以结案。', '已通知{type}，对方表示满意。'],
  reopenReasons: ['重新打开：{type}今天再次来电，同样的问题又出现了。', '{type}反馈问题没有彻底解决，请再看一下。'],
  handoffNotes: ['已转{team}处理，等对方答复后再回复{type}。', '需要{team}确认后才能继续，已发起协作。'],
  partnerAnsweredNotes: ['{team}已答复，继续处理。', '收到{team}的答复，正在准备回复申请人。'],
  accountMessages: ['尊敬的{account}，感谢您的耐心等待。{resolution}', '{account}您好，我们已完成对您问题的核查。{resolution}'],
  legalThreat: ['{type}表示已经委托律师，如果本周内不解决将发律师函。', '{type}威胁要起诉平台。'],
  mediaThreat: ['{type}已在微博上发帖投诉，称有媒体记者联系了他。', '对方说如果不处理就在抖音上曝光。'],
  regulatorThreat: ['{type}表示要向12315和市场监管部门投诉。', '对方称会向监管部门举报。'],
  repeatNotes: ['注意：同一账户最近已就同一问题升级过。', '重复投诉：该{type}本月内已经反映过同样的问题。'],
  internalNotes: ['已查后台，账户没有其他风险标记。', '已在群里同步值班组长。', '账户历史正常，近6个月无违规记录。'],
  mergeReasons: ['与同一账户、同一问题的早前工单重复。'],
  quotes: [],
  typeNames: { seller: '商家', creator: '达人', customer: '买家' },
};

export const TEXT_ZH: Record<DemoCategory, CategoryText> = {
  'payments/withdrawal-delayed': {
    titles: ['提现{wid}（{amount}）{days}天未到账', '商家提现超时未到账，已{days}天', '提现一直显示"处理中"——{bank}账户', '紧急：提现单{wid}仍未入账'],
    openings: [
      '商家{account}（{id}）{days}天前申请提现{amount}到{bank}账户，至今未到账。',
      '商家{account}反馈提现单{wid}（{amount}）已经显示"处理中"{days}天。',
    ],
    details: ['提现页面没有报错信息，提现SLA是3个工作日。', '上周商家修改过银行卡信息，户名与营业执照一致。', '商家急需这笔钱支付供应商货款，已经来电三次。'],
    asks: ['请协助与支付团队确认提现延迟原因并给出预计到账时间。', '请告知提现状态以及商家是否需要补充操作。'],
    infoRequests: ['能否提供提现页面截图和银行卡尾号？', '请让商家确认银行账户户名与对账单上完全一致。'],
    infoReplies: ['截图已上传到CRM工单，银行卡尾号{digits}。', '商家确认户名与公司名称一致。'],
    handoffs: [
      ['提现单{wid}（{amount}）已处理{days}天，请协助查询银行转账状态及延迟原因。', '提现{wid}首次被{bank}退回（户名不一致），商家更正户名后已重新发起，预计1个工作日内到账。'],
      ['请确认提现{wid}是被风控规则拦截还是银行问题。', '无风控拦截。当天的批次在支付网关失败，今早已重新发送，现已完成。'],
    ],
    outcomes: [
      { rootCauseCode: 'bank-rejected', rootCause: '银行因账户户名与注册名称不一致退回转账。', resolutionCode: 'reprocessed', resolution: '商家更正户名后，支付团队重新发起提现，款项已到账。', reply: '提现因户名不一致被银行退回，更正后已重新发起并到账，请告知商家。' },
      { rootCauseCode: 'gateway-batch-failure', rootCause: '支付网关批次失败且未自动重试。', resolutionCode: 'reprocessed', resolution: '支付团队重新发送失败批次，提现已完成。', reply: '延迟是平台侧批次失败导致，已重新发送，商家现在应可看到款项。' },
      { rootCauseCode: 'bank-holiday', rootCause: '提现日期遇到法定节假日，银行顺延至下一个工作日处理。', resolutionCode: 'explained', resolution: '款项已于下一工作日到账，已向商家解释节假日结算安排。', reply: '延迟是节假日导致，款项已到账，请将节假日结算时间表发给商家。' },
    ],
  },
  'payments/payout-hold': {
    titles: ['结算款{amount}被冻结{days}天', '商家货款被冻结，无任何说明', '{count}笔订单结算未释放'],
    openings: ['商家{account}（{id}）反馈{count}笔已完成订单的结算款{amount}已被冻结{days}天。', '商家结算状态显示"冻结中——审核中"，未告知原因。'],
    details: ['订单均已签收并确认收货，商家后台无违规通知。', '商家在大促期间销量激增，可能触发了风控审核。'],
    asks: ['请告知冻结原因及预计解冻时间。', '能否解除冻结，或至少给出可以告知商家的原因？'],
    infoRequests: ['能否请商家提供大促期间前5大订单的进货发票？', '请确认商家最近是否更换过收款账户。'],
    infoReplies: ['商家已上传供应商发票。', '是的，两周前更换过收款账户。'],
    handoffs: [
      ['{account}（{id}）的结算款{amount}被冻结，是否为风控审核？解冻需要什么材料？', '因销量突增触发风控规则。发票已审核通过，冻结已解除，下个结算周期放款。'],
      ['请确认{id}的冻结原因以及是否需要补充材料。', '因近期更换收款账户触发冻结，核验已通过，今日解冻。'],
    ],
    outcomes: [
      { rootCauseCode: 'risk-rule-volume', rootCause: '大促期间订单量突增触发自动风控冻结。', resolutionCode: 'released', resolution: '风控团队审核发票后解冻结算款。', reply: '结算款因大促后自动风控审核被冻结，发票审核通过，已解冻。' },
      { rootCauseCode: 'account-change-check', rootCause: '更换收款账户触发14天安全核验。', resolutionCode: 'released', resolution: '确认账户归属后提前完成核验，已放款。', reply: '冻结来自更换收款账户后的安全核验，现已解除。' },
      { rootCauseCode: 'policy-violation', rootCause: '部分订单被反欺诈模型判定为虚假交易。', resolutionCode: 'upheld', resolution: '被标记订单继续冻结，其余金额已释放。', reply: '部分订单因疑似虚假交易仍被冻结，其余已释放。商家可凭物流签收证明申诉。' },
    ],
  },
  'listing/removed': {
    titles: ['商品{listing}被下架，商家对原因有异议', '商品"{product}"未经通知被下架', '一夜之间{count}个商品被下架'],
    openings: ['商家{account}（{id}）反馈商品{listing}（{product}）以"禁售商品"为由被下架。', '商家发现{count}个商品被下架，包括爆款{product}。'],
    details: ['该商品是普通日用品，已上架数月且好评率很高。', '下架前没有收到任何预警邮件，通知只写了"违反平台规则"。'],
    asks: ['请复核下架是否正确，如误判请恢复上架。', '请确认适用的是哪条规则并告知商家。'],
    infoRequests: ['请商家提供产品的3C认证或质检报告。', '能否提供商家收到的下架通知原文？'],
    infoReplies: ['商家已提供认证证书，已上传工单。', '通知原文："商品违反禁售商品规则（第4.2条）"。'],
    handoffs: [
      ['商品{listing}（{product}）被判定为禁售品下架，商家称是普通商品，请复核。', '已复核：关键词过滤误命中描述中的敏感词，属误判，已恢复上架。'],
      ['请确认{listing}是否违规，以及修改后能否重新上架。', '商品描述含有医疗功效宣传，不允许。删除相关宣传后可重新上架。'],
    ],
    outcomes: [
      { rootCauseCode: 'false-positive-filter', rootCause: '自动关键词过滤误判商品。', resolutionCode: 'reinstated', resolution: '商品已恢复上架，误判规则已提交优化。', reply: '下架是自动过滤误判，商品已恢复上架。' },
      { rootCauseCode: 'policy-correctly-applied', rootCause: '商品描述含有平台不允许的宣传用语。', resolutionCode: 'upheld-with-guidance', resolution: '维持下架，已指导商家修改文案后重新上架。', reply: '下架符合平台规则，商家删除违规宣传后可重新上架，已提供修改指引。' },
      { rootCauseCode: 'missing-certificate', rootCause: '需资质的商品上架时未提供认证。', resolutionCode: 'reinstated', resolution: '商家补充证书后恢复上架。', reply: '收到认证证书后，商品已恢复上架。' },
    ],
  },
  'listing/counterfeit-claim': {
    titles: ['{brand}对商品{listing}发起假冒投诉', '权利人投诉：{brand}{product}', '商家对{brand}知识产权投诉提出异议'],
    openings: ['{brand}对商家{account}（{id}）的商品{listing}（{product}）发起知识产权投诉。', '商家{account}表示其{brand}{product}是正品，假冒投诉不成立。'],
    details: ['商家称是授权经销商，并有经销商进货发票。', '另有一位买家收货后也举报该商品为假货。'],
    asks: ['请告知商家能否提交反通知以及需要哪些证明。', '请指导在复核期间商品是否继续下架。'],
    infoRequests: ['请商家提供经销商发票和品牌授权书。', '请商家拍摄产品包装及序列号照片。'],
    infoReplies: ['商家已提供授权经销商的发票。', '照片已收到，序列号清晰可见。'],
    handoffs: [
      ['{brand}投诉商品{listing}为假冒，商家有经销商发票，反通知是否有效？', '发票来自认可的经销商，反通知已受理；权利人有10个工作日回应，在此之前商品保持下架。'],
      ['权利人投诉{account}，是否需要升级到品牌保护项目？', '是，这是该商家第三次被投诉。商品永久下架并按知识产权规则扣分。'],
    ],
    outcomes: [
      { rootCauseCode: 'valid-ip-complaint', rootCause: '权利人投诉成立：商品非正品。', resolutionCode: 'upheld', resolution: '商品下架并按知识产权规则处罚，已告知商家。', reply: '法务确认投诉成立，商品维持下架并已处罚。' },
      { rootCauseCode: 'authorised-reseller', rootCause: '商家为授权经销商，投诉不成立。', resolutionCode: 'reinstated', resolution: '反通知成立，回应期满后商品已恢复。', reply: '商家已证明是授权经销商，商品已恢复上架。' },
    ],
  },
  'account/suspension-appeal': {
    titles: ['商家{account}封号申诉', '账户{id}被封，附证据申诉', '达人账号被封禁，申请复核'],
    openings: ['商家{account}（{id}）于{date}因"多次违规"被封号，现提出申诉。', '{type}{account}称账户在没有任何预警的情况下被封。'],
    details: ['账户下还有{count}笔待发货订单，封号期间无法发货。', '商家承认有一次延迟发货，但否认其他违规。'],
    asks: ['请复核申诉并告知能否解封。', '请核查违规记录和申诉材料。'],
    infoRequests: ['请商家提供被判延迟发货订单的发货凭证。', '能否收集商家的书面申诉信？'],
    infoReplies: ['发货凭证已上传。', '申诉信已附在CRM工单中。'],
    handoffs: [
      ['{account}（{id}）于{date}被封号申诉，证据已附，请复核违规扣分。', '三次扣分中有两次是快递系统故障期间的误判，已撤销扣分并解封。'],
      ['请确认{id}的封号是否为最终处理，能否改为警告。', '违规已确认（刷单好评），维持封号30天。'],
    ],
    outcomes: [
      { rootCauseCode: 'system-error-points', rootCause: '快递系统故障期间误扣违规分。', resolutionCode: 'reversed', resolution: '撤销扣分，账户已恢复。', reply: '封号基于误扣的分数，账户已恢复正常。' },
      { rootCauseCode: 'confirmed-violation', rootCause: '确认存在多次刷单好评行为。', resolutionCode: 'upheld', resolution: '维持封号，已告知商家申诉结果及解封日期。', reply: '违规属实，申诉未通过，封号30天后自动解除。' },
    ],
  },
  'account/verification': {
    titles: ['{account}的KYC认证卡住', '商家认证被驳回，但材料有效', '企业认证已等待{days}天'],
    openings: ['商家{account}（{id}）{days}天前提交了营业执照和身份证，认证仍在审核中。', '{account}的认证被以"材料不清晰"驳回，但扫描件很清楚。'],
    details: ['未完成认证无法提现，也不能上架超过10个商品。', '商家已经提交了三次材料。'],
    asks: ['请查看认证队列并告知进度。', '能否请产品运营复核驳回原因？'],
    infoRequests: ['请商家重新上传身份证，四角完整可见。', '能否确认商家填写的统一社会信用代码？'],
    infoReplies: ['商家已重新上传更清晰的扫描件。', '信用代码已确认，与执照一致。'],
    handoffs: [
      ['{account}（{id}）认证已等待{days}天，是否是OCR无法识别这类证件？', '是的，OCR无法识别新版证件，已人工审核通过。'],
      ['请复核{id}被驳回的认证，材料看起来有效。', '驳回正确：信用代码与执照不符，商家需用正确代码重新提交。'],
    ],
    outcomes: [
      { rootCauseCode: 'ocr-failure', rootCause: '证件OCR无法识别新版证件格式。', resolutionCode: 'manually-verified', resolution: '产品运营人工完成认证。', reply: '人工审核后认证已通过，商家可正常提现和上架。' },
      { rootCauseCode: 'seller-data-error', rootCause: '商家填写的信用代码与证件不一致。', resolutionCode: 'guided', resolution: '商家更正代码后认证通过。', reply: '填写的代码有误，更正后认证已通过。' },
    ],
  },
  'order/logistics': {
    titles: ['订单{order}物流停滞{days}天', '{courier}丢件——订单{order}', '运单{tracking}显示已签收但买家未收到'],
    openings: ['买家{account}反馈订单{order}在{courier}显示"运输中"已{days}天。', '运单号{tracking}显示已签收，但买家{account}称没有收到任何包裹。'],
    details: ['商品是{product}，价值{amount}。', '快递从分拣中心发出后再无扫描记录。'],
    asks: ['请与物流团队核实，并建议退款还是补发。', '请协助联系快递追踪包裹。'],
    infoRequests: ['请与买家确认收货地址，以及是否可能被他人代收。', '能否提供小区门卫或快递柜的记录？'],
    infoReplies: ['买家确认地址无误，没有人代收。', '门卫处没有签收记录。'],
    handoffs: [
      ['订单{order}（{courier}，{tracking}）停滞{days}天，请协助追踪。', '包裹在转运中心分拣错误，已重新发往正确线路，预计2天内送达。'],
      ['运单{tracking}显示已签收，买家有异议，能否提供签收证明？', '{courier}无法提供签收或照片，包裹按丢件处理，由快递公司赔付。'],
    ],
    outcomes: [
      { rootCauseCode: 'courier-missort', rootCause: '包裹在快递转运中心分拣错误。', resolutionCode: 'delivered', resolution: '包裹改道后已送达。', reply: '包裹被快递分拣错误，现已送达买家。' },
      { rootCauseCode: 'courier-loss', rootCause: '快递丢件，无法提供签收证明。', resolutionCode: 'refunded', resolution: '已给买家全额退款，由快递公司承担赔付。', reply: '快递丢件，已为买家全额退款。' },
      { rootCauseCode: 'address-issue', rootCause: '买家填写的收货地址不完整。', resolutionCode: 'reshipped', resolution: '地址已更正，商家已补发。', reply: '地址不完整，已更正并补发。' },
    ],
  },
  'order/refund-dispute': {
    titles: ['订单{order}退款纠纷（{amount}）', '买家称订单{order}退款未到账', '商家对订单{order}退款判定有异议'],
    openings: ['买家{account}已退回订单{order}的{product}，但{amount}退款仍未到账。', '商家{account}不同意订单{order}的退款处理，称退回的商品已损坏。'],
    details: ['根据物流记录，商家{days}天前已签收退货。', '买家已同时向发卡行发起拒付。'],
    asks: ['请核实退款状态。', '请根据双方证据复核该纠纷。'],
    infoRequests: ['请商家提供退回商品的照片。', '能否提供买家的银行流水？'],
    infoReplies: ['照片已收到，屏幕有裂痕。', '买家已提供流水，未见退款入账。'],
    handoffs: [
      ['订单{order}的{amount}退款买家未收到，请查询退款交易。', '退款已原路退回银行卡，银行处理最长需14天，已提供退款流水号。'],
      ['商家对{order}的退款有异议，称是买家损坏，请评估。', '证据显示损坏发生在运输途中，退款维持，已为商家发起快递索赔。'],
    ],
    outcomes: [
      { rootCauseCode: 'bank-processing-time', rootCause: '银行卡退款需发卡行最长14天处理。', resolutionCode: 'explained', resolution: '已提供退款流水号，买家确认已到账。', reply: '退款已处理，银行入账需要时间，请将流水号告知买家。' },
      { rootCauseCode: 'transit-damage', rootCause: '退货运输途中商品损坏。', resolutionCode: 'compensated', resolution: '维持退款，商家通过快递索赔获得补偿。', reply: '商品在运输中损坏，退款维持，商家将通过快递索赔获得补偿。' },
    ],
  },
  'creator/commission': {
    titles: ['达人{campaign}活动佣金缺失', '带货佣金比例错误（{rate}%）', '佣金{amount}未到账'],
    openings: ['达人{account}（{id}）反馈{campaign}活动的佣金{amount}未到账。', '达人反馈佣金按{rate}%计算，与约定比例不符。'],
    details: ['通过推广链接共产生{count}笔订单。', '后台显示订单"无效——已退货"，但买家并未退货。'],
    asks: ['请核查佣金计算。', '请告知缺失佣金何时补发。'],
    infoRequests: ['请提供达人签署的佣金协议。', '能否让达人列出缺失的订单号？'],
    infoReplies: ['协议已附上。', '达人提供了12个订单号。'],
    handoffs: [
      ['{account}（{campaign}）佣金缺失，请核查订单归因。', '直播期间通过App下单的订单归因失败，已重新计算，{amount}将在下个周期发放。'],
      ['达人{id}称佣金比例应高于{rate}%，请确认合同比例。', '该活动未配置专属佣金比例，差额已补发。'],
    ],
    outcomes: [
      { rootCauseCode: 'attribution-bug', rootCause: '直播间App订单未归因到达人。', resolutionCode: 'paid', resolution: '佣金已重新计算并发放。', reply: '佣金缺失是归因问题导致，已重新计算并发放。' },
      { rootCauseCode: 'rate-config-error', rootCause: '活动佣金比例未按约定配置。', resolutionCode: 'paid', resolution: '差额已补发，配置已修正。', reply: '活动佣金比例配置错误，差额已补发。' },
    ],
  },
  'creator/live-violation': {
    titles: ['直播{live}因违规被中断', '达人{account}被禁播7天', '直播被判违规，达人申诉'],
    openings: ['达人{account}（{id}）的直播{live}于{date}因"违禁内容"被中断。', '达人因观众举报被禁止直播7天。'],
    details: ['达人当时在卖化妆品，称没有展示任何违禁内容。', '该场直播有{count}名观众，大促期间损失了销量。'],
    asks: ['请复核直播回放和违规判定。', '请告知禁播能否解除。'],
    infoRequests: ['请问达人认为是哪个时间点触发了中断？', '能否提供达人自己的录屏？'],
    infoReplies: ['达人说大约在第42分钟展示价格对比时。', '录屏链接已添加到工单。'],
    handoffs: [
      ['{account}的直播{live}被中断，请复核回放并确认是否违规。', '已复核：模型把商品对比误判为误导性宣传，属误判，已解除禁播。'],
      ['达人对7天禁播有异议，请确认适用的规则。', '违规属实：直播中出现未经批准的功效宣传，维持禁播。'],
    ],
    outcomes: [
      { rootCauseCode: 'moderation-false-positive', rootCause: '自动审核误判正常内容。', resolutionCode: 'reversed', resolution: '解除禁播，并补偿达人流量券。', reply: '违规为误判，禁播已解除。' },
      { rootCauseCode: 'confirmed-violation', rootCause: '直播中出现未经批准的功效宣传。', resolutionCode: 'upheld-with-guidance', resolution: '维持禁播，已发送直播带货规范。', reply: '违规属实，维持禁播，已向达人发送直播带货规范。' },
    ],
  },
};
