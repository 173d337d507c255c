import type { CategoryText, CommonText, DemoCategory } from './texts.js';

// English pieces of the demo history; {placeholders} are filled per case (see texts.ts).

export const COMMON_EN: CommonText = {
  firstReplies: [
    'Hi {requester}, thanks for escalating. I have picked this up and am checking with the relevant team now.',
    'Hi {requester}, noted, this is with me. I will update you here once I have findings.',
    'Thanks {requester}. Case received; reviewing the account history now. Please hold any further promises to the {type} until I revert.',
  ],
  confirmations: [
    'Confirmed with the {type}, all good now. Thanks for the help!',
    'The {type} has acknowledged. OK to close.',
    'Thanks, informed the {type} and they are satisfied with the outcome.',
  ],
  reopenReasons: [
    'Reopening: the {type} called back today, the same problem is happening again.',
    'The {type} says the fix did not hold, please take another look.',
  ],
  handoffNotes: ['Handed off to {team}; waiting for their answer before I reply to the {type}.', 'Need {team} to confirm before we can proceed. Handoff raised.'],
  partnerAnsweredNotes: ['{team} answered, proceeding with the resolution.', 'Got the answer from {team}. Preparing the reply to the requester.'],
  accountMessages: [
    'Dear {account}, thank you for your patience. {resolution}',
    'Hello {account}, we have completed our review of your case. {resolution}',
  ],
  legalThreat: ['The {type} says they have engaged a lawyer and will send a letter of demand if this is not fixed by Friday.', 'The {type} is threatening legal action.'],
  mediaThreat: ['The {type} has posted about this on social media and says a journalist contacted them.', 'They are threatening to go viral on TikTok about this.'],
  regulatorThreat: ['The {type} mentioned lodging a complaint with the consumer tribunal.', 'They said they will report this to the regulator if not resolved.'],
  repeatNotes: ['Note: same account escalated the same issue recently, see their earlier case.', 'Repeat contact: this {type} has raised this before within the month.'],
  internalNotes: ['Checked the admin console, the account has no other open flags.', 'Pinged the on-shift lead on chat for visibility.', 'Account history looks clean; no prior violations in the last 6 months.'],
  mergeReasons: ['Duplicate of an earlier escalation for the same account and issue.'],
  quotes: [],
  typeNames: { seller: 'seller', creator: 'creator', customer: 'customer' },
};

export const TEXT_EN: Record<DemoCategory, CategoryText> = {
  'payments/withdrawal-delayed': {
    titles: [
      'Withdrawal {wid} of {amount} pending for {days} days',
      'Seller withdrawal not received after {days} days ({amount})',
      'Withdrawal stuck in processing – {bank} account',
      'Urgent: withdrawal {wid} still not credited',
    ],
    openings: [
      'The seller {account} ({id}) requested a withdrawal of {amount} to their {bank} account {days} days ago and has not received the money.',
      'Seller {account} reports that withdrawal {wid} ({amount}) has been in "Processing" status for {days} days.',
    ],
    details: [
      'The withdrawal page shows "Processing" with no error. SLA for withdrawals is 3 working days.',
      'Bank details were updated last week; the seller says the account name matches their SSM registration.',
      'They need the money to pay their supplier and have already called in three times.',
    ],
    asks: ['Please check with Payments why the withdrawal is delayed and give an ETA.', 'Kindly advise the status of the withdrawal and whether the seller needs to do anything.'],
    infoRequests: ['Could you get a screenshot of the withdrawal page and the last 4 digits of the bank account on file?', 'Please ask the seller to confirm the bank account holder name exactly as it appears on the statement.'],
    infoReplies: ['Screenshot attached in the CRM ticket; bank account ends with {digits}.', 'Seller confirmed the holder name matches the company name on the statement.'],
    handoffs: [
      ['Withdrawal {wid} ({amount}) has been processing for {days} days. Can you check the bank transfer status and the reason for the delay?', 'Transfer {wid} was rejected by {bank} on the first attempt (account name mismatch). We have re-queued it after the seller fixed the name; it will be credited within 1 working day.'],
      ['Please confirm whether withdrawal {wid} is held by a risk rule or by the bank.', 'No risk hold. The batch of that day failed at the payment gateway; it was re-sent this morning and is now completed.'],
    ],
    outcomes: [
      { rootCauseCode: 'bank-rejected', rootCause: 'The bank rejected the transfer because the account holder name did not match the registered name.', resolutionCode: 'reprocessed', resolution: 'Seller corrected the bank account name; Payments re-sent the withdrawal and it has been credited.', reply: 'The withdrawal was rejected by the bank due to a name mismatch. After the correction it was re-sent and is now credited. Please let the seller know.' },
      { rootCauseCode: 'gateway-batch-failure', rootCause: 'A payout batch failed at the payment gateway and was not retried automatically.', resolutionCode: 'reprocessed', resolution: 'Payments re-sent the failed batch; the withdrawal is completed.', reply: 'This was caused by a failed payout batch on our side. It has been re-sent and the seller should see the funds now.' },
      { rootCauseCode: 'bank-holiday', rootCause: 'The withdrawal fell on a public holiday; the bank processed it on the next working day.', resolutionCode: 'explained', resolution: 'Funds credited on the next working day; explained the holiday schedule to the seller.', reply: 'The delay was due to the public holiday. The funds have been credited; please share the holiday payout schedule with the seller.' },
    ],
  },
  'payments/payout-hold': {
    titles: ['Payout of {amount} on hold for {days} days', 'Seller payout frozen without explanation', 'Settlement held – {count} orders not released'],
    openings: [
      'Seller {account} ({id}) says their payout of {amount} for {count} completed orders has been on hold for {days} days.',
      'The seller\'s settlement is showing "On hold – under review" and no reason was given.',
    ],
    details: ['The orders were delivered and confirmed by buyers. No violation notice in the seller centre.', 'The seller recently had a sales spike during the campaign, which may have triggered a review.'],
    asks: ['Please advise why the payout is held and when it will be released.', 'Can we get the hold lifted or at least a reason to share with the seller?'],
    infoRequests: ['Can you ask the seller for the invoices of their top 5 orders from the campaign?', 'Please confirm whether the seller changed their payout account recently.'],
    infoReplies: ['Seller uploaded the supplier invoices to the ticket.', 'Yes, payout account was changed 2 weeks ago.'],
    handoffs: [
      ['Payout of {amount} for {account} ({id}) is held. Is this a risk review, and what is needed to release it?', 'Held by the risk rule for sudden volume increase. Invoices reviewed and accepted; hold released, payout goes out in the next cycle.'],
      ['Can you confirm the hold reason on {id} and whether documents are required?', 'Hold placed because the payout account changed recently. Verification passed; released today.'],
    ],
    outcomes: [
      { rootCauseCode: 'risk-rule-volume', rootCause: 'Automatic risk hold triggered by a sudden increase in order volume during the campaign.', resolutionCode: 'released', resolution: 'Risk team reviewed invoices and released the payout.', reply: 'The payout was held by an automatic risk check after the campaign spike. Invoices were accepted and the hold is released.' },
      { rootCauseCode: 'account-change-check', rootCause: 'Payout account change triggered a mandatory 14-day security check.', resolutionCode: 'released', resolution: 'Verification completed early after confirming ownership; payout released.', reply: 'The hold came from the security check after the payout account change. It is now cleared and released.' },
      { rootCauseCode: 'policy-violation', rootCause: 'Some orders were flagged as fake transactions by the fraud model.', resolutionCode: 'upheld', resolution: 'Hold upheld for the flagged orders; the remaining amount was released.', reply: 'Part of the payout remains held because several orders were flagged as suspicious; the rest has been released. The seller may appeal with proof of delivery.' },
    ],
  },
  'listing/removed': {
    titles: ['Listing {listing} removed – seller disputes reason', 'Product "{product}" taken down without notice', '{count} listings delisted overnight'],
    openings: ['Seller {account} ({id}) reports that listing {listing} ({product}) was removed for "prohibited item".', 'The seller woke up to {count} listings removed, including their best seller {product}.'],
    details: ['The product is a normal consumer item and has been listed for months with good ratings.', 'No warning email was received before the takedown; the notice only says "policy violation".'],
    asks: ['Please review whether the takedown is correct and reinstate if it was a mistake.', 'Kindly check which policy was applied and advise the seller.'],
    infoRequests: ['Please ask the seller for the product certificate / SIRIM approval if they have it.', 'Can you confirm the exact wording of the takedown notice the seller received?'],
    infoReplies: ['Seller sent the certificate, uploaded to the CRM ticket.', 'Notice says: "Listing violates prohibited items policy (section 4.2)".'],
    handoffs: [
      ['Listing {listing} ({product}) was removed as prohibited. Seller says it is a regular item. Can you review the takedown?', 'Reviewed: the keyword filter matched a banned term in the description. It was a false positive; listing reinstated.'],
      ['Please confirm whether listing {listing} breaches the policy and if the seller can relist after edits.', 'The listing makes medical claims, which is not allowed. Seller may relist after removing the claims from title and description.'],
    ],
    outcomes: [
      { rootCauseCode: 'false-positive-filter', rootCause: 'Automated keyword filter wrongly flagged the listing.', resolutionCode: 'reinstated', resolution: 'Listing reinstated and keyword rule reported for tuning.', reply: 'The takedown was a false positive from the automated filter. The listing is live again.' },
      { rootCauseCode: 'policy-correctly-applied', rootCause: 'Listing contained claims not allowed by policy.', resolutionCode: 'upheld-with-guidance', resolution: 'Takedown upheld; seller guided on compliant wording to relist.', reply: 'The takedown is correct per policy, but the seller can relist after removing the restricted claims. Guidance shared.' },
      { rootCauseCode: 'missing-certificate', rootCause: 'Regulated product listed without the required certificate.', resolutionCode: 'reinstated', resolution: 'Seller provided the certificate; listing restored.', reply: 'After receiving the certificate, the listing has been restored.' },
    ],
  },
  'listing/counterfeit-claim': {
    titles: ['Counterfeit complaint from {brand} on listing {listing}', 'Rights owner claim: {brand} {product}', 'Seller disputes IP takedown by {brand}'],
    openings: ['{brand} filed an IP complaint against listing {listing} ({product}) by seller {account} ({id}).', 'Seller {account} says their {brand} {product} is genuine and the counterfeit claim is wrong.'],
    details: ['The seller claims to be an authorised reseller and has distributor invoices.', 'A buyer also reported the item as fake after receiving it.'],
    asks: ['Please advise if the seller can submit a counter-notice and what proof is needed.', 'Need guidance on whether to keep the listing down pending review.'],
    infoRequests: ['Please get the distributor invoices and authorisation letter from the seller.', 'Ask the seller for photos of the product packaging and serial numbers.'],
    infoReplies: ['Seller provided invoices from the authorised distributor.', 'Photos received; serial numbers visible.'],
    handoffs: [
      ['{brand} claims listing {listing} is counterfeit; seller has distributor invoices. Is the counter-notice valid?', 'The invoices are from a recognised distributor. Counter-notice accepted; the rights owner has 10 working days to respond, listing stays down until then.'],
      ['Rights owner complaint against {account} – do we need to escalate to the brand protection programme?', 'Yes, third complaint against this seller. Listing removed permanently and a strike applied per the IP policy.'],
    ],
    outcomes: [
      { rootCauseCode: 'valid-ip-complaint', rootCause: 'The rights owner\'s complaint was valid: the items were not genuine.', resolutionCode: 'upheld', resolution: 'Listing removed and IP strike applied; seller informed of the policy.', reply: 'Legal confirmed the complaint is valid. The listing stays removed and a strike was applied.' },
      { rootCauseCode: 'authorised-reseller', rootCause: 'Seller is an authorised reseller; the complaint did not hold.', resolutionCode: 'reinstated', resolution: 'Counter-notice accepted and listing reinstated after the response period.', reply: 'The seller proved they are an authorised reseller. The listing has been reinstated.' },
    ],
  },
  'account/suspension-appeal': {
    titles: ['Suspension appeal for seller {account}', 'Account {id} suspended – appeal with evidence', 'Creator account banned, requesting review'],
    openings: ['Seller {account} ({id}) was suspended on {date} for "repeated policy violations" and is appealing.', 'The {type} {account} says their account was banned without a prior warning.'],
    details: ['They have {count} pending orders that cannot be shipped while the account is suspended.', 'The seller admits one late shipment issue but denies the other violations.'],
    asks: ['Please review the appeal and advise whether the suspension can be lifted.', 'Kindly check the violation history and the appeal documents.'],
    infoRequests: ['Please ask the seller for the shipping receipts of the orders marked as late.', 'Could you collect the seller\'s written appeal letter?'],
    infoReplies: ['Shipping receipts uploaded.', 'Appeal letter attached in the CRM ticket.'],
    handoffs: [
      ['Appeal for {account} ({id}), suspended on {date}. Evidence attached. Can you review the violation points?', 'Two of the three violation points were system errors caused by the courier outage. Points removed; suspension lifted.'],
      ['Please confirm if the suspension of {id} is final or can be converted to a warning.', 'The violations are confirmed (fake reviews). Suspension stands for 30 days.'],
    ],
    outcomes: [
      { rootCauseCode: 'system-error-points', rootCause: 'Violation points were given wrongly during a courier outage.', resolutionCode: 'reversed', resolution: 'Points removed and account reinstated.', reply: 'The suspension was based on points given in error. The account is active again.' },
      { rootCauseCode: 'confirmed-violation', rootCause: 'Repeated fake review activity confirmed.', resolutionCode: 'upheld', resolution: 'Suspension upheld; seller informed of the appeal outcome and reinstatement date.', reply: 'The appeal was rejected as the violations are confirmed. The suspension ends after 30 days.' },
    ],
  },
  'account/verification': {
    titles: ['KYC verification stuck for {account}', 'Seller verification rejected – documents are valid', 'Business verification pending {days} days'],
    openings: ['Seller {account} ({id}) submitted their business registration and ID {days} days ago; verification is still pending.', 'The verification of {account} was rejected with "document unclear" although the scan is clear.'],
    details: ['Without verification they cannot withdraw or list more than 10 products.', 'They have submitted the documents three times.'],
    asks: ['Please check the verification queue and advise.', 'Can Product Ops review the rejection reason?'],
    infoRequests: ['Please ask the seller to resubmit the ID with all four corners visible.', 'Can you confirm the registration number the seller entered?'],
    infoReplies: ['Seller resubmitted a clearer scan.', 'Registration number confirmed, matches the certificate.'],
    handoffs: [
      ['Verification for {account} ({id}) pending {days} days. Is the OCR failing on this document type?', 'Yes, the OCR failed on the new ID format. Manually verified and approved.'],
      ['Please review the rejected verification of {id}; documents look valid to us.', 'Rejection was correct: registration number did not match. Seller must resubmit with the correct number.'],
    ],
    outcomes: [
      { rootCauseCode: 'ocr-failure', rootCause: 'Document OCR could not read the new ID card format.', resolutionCode: 'manually-verified', resolution: 'Product Ops manually verified the account.', reply: 'The verification is approved after manual review. The seller can withdraw and list normally.' },
      { rootCauseCode: 'seller-data-error', rootCause: 'The registration number entered by the seller did not match the document.', resolutionCode: 'guided', resolution: 'Seller corrected the number and was verified.', reply: 'The number entered was wrong. After correction the account is verified.' },
    ],
  },
  'order/logistics': {
    titles: ['Order {order} stuck in transit for {days} days', 'Parcel lost by {courier} – order {order}', 'Tracking {tracking} shows delivered but buyer did not receive'],
    openings: ['The customer {account} says order {order} has shown "In transit" with {courier} for {days} days.', 'Tracking number {tracking} shows delivered, but the buyer {account} says nothing arrived.'],
    details: ['The item is {product} worth {amount}.', 'The courier hub has not updated the scan since it left the sorting centre.'],
    asks: ['Please check with Logistics and advise whether we should refund or reship.', 'Kindly trace the parcel with the courier.'],
    infoRequests: ['Please confirm the delivery address with the buyer and whether anyone else could have received it.', 'Could you get a photo of the buyer\'s mailbox / guardhouse log?'],
    infoReplies: ['Buyer confirmed the address is correct, nobody received it.', 'Guardhouse has no record of the delivery.'],
    handoffs: [
      ['Order {order} ({courier}, {tracking}) stuck for {days} days. Can you trace it?', 'Parcel was mis-sorted at the hub; it has been rerouted and will be delivered within 2 days.'],
      ['Tracking {tracking} says delivered, buyer disputes. Can you get proof of delivery?', '{courier} could not provide a signature or photo. Parcel declared lost; courier will compensate.'],
    ],
    outcomes: [
      { rootCauseCode: 'courier-missort', rootCause: 'Parcel was mis-sorted at the courier hub.', resolutionCode: 'delivered', resolution: 'Parcel rerouted and delivered.', reply: 'The parcel was mis-sorted by the courier. It has now been delivered.' },
      { rootCauseCode: 'courier-loss', rootCause: 'Courier lost the parcel; no proof of delivery.', resolutionCode: 'refunded', resolution: 'Buyer fully refunded; courier liable for the claim.', reply: 'The courier lost the parcel. The buyer has been fully refunded.' },
      { rootCauseCode: 'address-issue', rootCause: 'Incomplete delivery address given by the buyer.', resolutionCode: 'reshipped', resolution: 'Address corrected; seller reshipped.', reply: 'The address was incomplete. It is corrected and the item reshipped.' },
    ],
  },
  'order/refund-dispute': {
    titles: ['Refund dispute on order {order} ({amount})', 'Buyer says refund not received for order {order}', 'Seller disputes refund decision – order {order}'],
    openings: ['The buyer {account} returned {product} from order {order} but has not received the refund of {amount}.', 'Seller {account} disagrees with the refund granted to the buyer on order {order}; they say the item returned was damaged.'],
    details: ['The return was received by the seller {days} days ago according to tracking.', 'The buyer has opened a chargeback with their card issuer as well.'],
    asks: ['Please check the refund status and advise.', 'Kindly review the dispute and the evidence from both sides.'],
    infoRequests: ['Please ask the seller for photos of the returned item.', 'Can you get the buyer\'s bank statement showing no refund?'],
    infoReplies: ['Photos received, the screen is cracked.', 'Buyer sent the statement, no refund credited.'],
    handoffs: [
      ['Refund of {amount} on order {order} not received by the buyer. Can you check the refund transaction?', 'Refund was issued to the original card; the bank takes up to 14 days. Reference number shared.'],
      ['Seller disputes the refund on {order}, claims damage by the buyer. Can you assess?', 'Evidence shows the damage occurred in transit. Refund stands; the courier claim is raised for the seller.'],
    ],
    outcomes: [
      { rootCauseCode: 'bank-processing-time', rootCause: 'Card refunds take up to 14 days at the issuing bank.', resolutionCode: 'explained', resolution: 'Refund reference shared; the buyer confirmed it arrived.', reply: 'The refund was processed; the bank needs time to post it. Please share the reference with the buyer.' },
      { rootCauseCode: 'transit-damage', rootCause: 'Item was damaged in transit on the return journey.', resolutionCode: 'compensated', resolution: 'Refund upheld; seller compensated through the courier claim.', reply: 'The item was damaged in transit. The refund stands and the seller is compensated via a courier claim.' },
    ],
  },
  'creator/commission': {
    titles: ['Creator commission missing for {campaign}', 'Affiliate commission paid at wrong rate ({rate}%)', 'Commission of {amount} not credited'],
    openings: ['Creator {account} ({id}) says the commission for the {campaign} campaign ({amount}) was not credited.', 'The creator reports that their commission was calculated at {rate}% instead of the agreed rate.'],
    details: ['They generated {count} orders through their affiliate link.', 'The dashboard shows the orders as "Invalid – returned" although buyers kept the items.'],
    asks: ['Please check the commission calculation.', 'Kindly advise when the missing commission will be paid.'],
    infoRequests: ['Please get the creator\'s signed rate agreement.', 'Can you ask for a list of the order numbers they are missing?'],
    infoReplies: ['Agreement attached.', 'Creator provided a list of 12 order numbers.'],
    handoffs: [
      ['Commission for {account} ({campaign}) missing. Can you check the attribution?', 'Attribution failed for orders placed from the app during the live session. Recalculated; {amount} will be paid in the next cycle.'],
      ['Creator {id} says rate should be higher than {rate}%. Can you confirm the contract rate?', 'The special rate was not configured for this campaign. Difference paid out.'],
    ],
    outcomes: [
      { rootCauseCode: 'attribution-bug', rootCause: 'App orders from live sessions were not attributed to the creator.', resolutionCode: 'paid', resolution: 'Commission recalculated and paid.', reply: 'The missing commission was due to an attribution issue. It has been recalculated and paid.' },
      { rootCauseCode: 'rate-config-error', rootCause: 'Campaign rate was not set up as agreed.', resolutionCode: 'paid', resolution: 'Difference paid and configuration fixed.', reply: 'The rate was configured wrongly for the campaign; the difference has been paid.' },
    ],
  },
  'creator/live-violation': {
    titles: ['Live session {live} cut off for violation', 'Creator {account} live banned for 7 days', 'Live stream flagged – creator disputes'],
    openings: ['Creator {account} ({id}) had their live session {live} terminated on {date} for "prohibited content".', 'The creator was banned from going live for 7 days after a viewer report.'],
    details: ['They were selling cosmetics and say nothing prohibited was shown.', 'The session had {count} viewers and they lost sales during the campaign.'],
    asks: ['Please review the recording and the violation.', 'Kindly advise whether the live ban can be lifted.'],
    infoRequests: ['Please ask the creator for the time stamp they think triggered the cut.', 'Can you get the creator\'s own recording?'],
    infoReplies: ['Creator says around minute 42 when they showed a price comparison.', 'Recording link added to the ticket.'],
    handoffs: [
      ['Live {live} by {account} was terminated. Can you review the recording and confirm the violation?', 'Reviewed: the model flagged a product comparison as misleading. False positive; ban lifted.'],
      ['Creator disputes the 7-day live ban. Can you confirm the policy applied?', 'Violation confirmed: an unapproved health claim was made. Ban stands.'],
    ],
    outcomes: [
      { rootCauseCode: 'moderation-false-positive', rootCause: 'Automated moderation flagged allowed content.', resolutionCode: 'reversed', resolution: 'Ban lifted; creator compensated with promotion credits.', reply: 'The violation was a false positive. The live ban is lifted.' },
      { rootCauseCode: 'confirmed-violation', rootCause: 'Unapproved health claims during the live.', resolutionCode: 'upheld-with-guidance', resolution: 'Ban upheld; guidance on live-selling rules shared.', reply: 'The violation is confirmed. The ban stands; we shared the live-selling guidelines.' },
    ],
  },
};
