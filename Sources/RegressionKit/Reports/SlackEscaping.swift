/// Slack's message text (`mrkdwn`): an alert sent to a webhook.
///
/// Slack reads `<...>` as a link or a mention (`<!channel>` notifies everyone in it), so data
/// has `&`, `<` and `>` as `&amp;`, `&lt;` and `&gt;`, the only escapes Slack documents; and
/// hidden characters shown as in every human format (`VisibleText`).
enum SlackEscaping: TextEscaping {
    static func escape(_ data: String) -> String {
        var out = ""
        for character in VisibleText.escape(data) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }

    static func finish(_ document: String) -> String { VisibleText.defuseCommands(document) }
}

/// A Slack message, its data escaped (see `SlackEscaping`).
typealias SlackText = EscapedText<SlackEscaping>
