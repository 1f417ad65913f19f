/**
 * The proxy refuses browser origins it does not list, and its origin lists take http(s) origins only,
 * so a `chrome-extension://` Origin is refused even with a valid site key. The extension's own requests
 * to the configured proxy are sent without an Origin header instead, as a non-browser client's are:
 * the site key still decides access. Only requests this extension starts, to that one origin, are
 * touched; host pages' requests never are.
 */
const RULE_ID = 1;

export async function dropOriginTowardsProxy(proxyUrl: string): Promise<void> {
  const origin = new URL(proxyUrl).origin;
  await chrome.declarativeNetRequest.updateSessionRules({
    removeRuleIds: [RULE_ID],
    addRules: [
      {
        id: RULE_ID,
        priority: 1,
        action: {
          type: chrome.declarativeNetRequest.RuleActionType.MODIFY_HEADERS,
          requestHeaders: [
            { header: 'origin', operation: chrome.declarativeNetRequest.HeaderOperation.REMOVE },
          ],
        },
        condition: {
          urlFilter: `|${origin}/`,
          initiatorDomains: [chrome.runtime.id],
          resourceTypes: [
            chrome.declarativeNetRequest.ResourceType.XMLHTTPREQUEST,
            chrome.declarativeNetRequest.ResourceType.OTHER,
          ],
        },
      },
    ],
  });
}
