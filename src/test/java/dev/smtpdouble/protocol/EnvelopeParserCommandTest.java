package dev.smtpdouble.protocol;

import static dev.smtpdouble.protocol.EnvelopeParserTest.assertArgument;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The "FROM:" / "TO:" keywords, the null path, Postmaster, and the blanks around parameters. */
class EnvelopeParserCommandTest {

    @ParameterizedTest(name = "{0}: MAIL {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # name                         | argument after "MAIL "               | lenient          | strict           | parameters
            upper-case FROM                | FROM:<a@b.example>                   | ok:a@b.example   | ok:a@b.example   |
            lower-case from                | from:<a@b.example>                   | ok:a@b.example   | ok:a@b.example   |
            mixed-case FrOm                | FrOm:<a@b.example>                   | ok:a@b.example   | ok:a@b.example   |
            space before colon             | FROM :<a@b.example>                  | MAIL_SYNTAX      | MAIL_SYNTAX      |
            spaces around colon            | FROM : <a@b.example>                 | MAIL_SYNTAX      | MAIL_SYNTAX      |
            no colon                       | FROM<a@b.example>                    | MAIL_SYNTAX      | MAIL_SYNTAX      |
            no colon, space                | FROM <a@b.example>                   | MAIL_SYNTAX      | MAIL_SYNTAX      |
            equals instead of colon        | FROM=<a@b.example>                   | MAIL_SYNTAX      | MAIL_SYNTAX      |
            TO given to MAIL               | TO:<a@b.example>                     | MAIL_SYNTAX      | MAIL_SYNTAX      |
            misspelt FRM                   | FRM:<a@b.example>                    | MAIL_SYNTAX      | MAIL_SYNTAX      |
            longer keyword FROMX           | FROMX:<a@b.example>                  | MAIL_SYNTAX      | MAIL_SYNTAX      |
            address only                   | <a@b.example>                        | MAIL_SYNTAX      | MAIL_SYNTAX      |
            empty argument                 | ''                                   | MAIL_SYNTAX      | MAIL_SYNTAX      |
            FROM: alone                    | FROM:                                | MAIL_SYNTAX      | MAIL_SYNTAX      |
            FROM: and a space              | 'FROM: '                             | MAIL_SYNTAX      | MAIL_SYNTAX      |
            leading space                  | ' FROM:<a@b.example>'                | ok:a@b.example   | MAIL_SYNTAX      |
            # null reverse-path
            null path                      | FROM:<>                              | ok:              | ok:              |
            null path lower-case           | from:<>                              | ok:              | ok:              |
            null path after a space        | FROM: <>                             | ok:              | MAIL_SYNTAX      |
            null path, trailing space      | 'FROM:<> '                           | ok:              | MAIL_SYNTAX      |
            null path with SIZE            | FROM:<> SIZE=100                     | ok:              | ok:              | SIZE=100
            null path with BODY and RET    | FROM:<> BODY=8BITMIME RET=HDRS       | ok:              | ok:              | BODY=8BITMIME RET=HDRS
            null path with a space inside  | 'FROM:< >'                           | BAD_SENDER       | BAD_SENDER       |
            null path, extra close         | FROM:<>>                             | BAD_SENDER       | BAD_SENDER       |
            null path, doubled             | FROM:<<>>                            | BAD_SENDER       | BAD_SENDER       |
            null path and text             | FROM:<>x                             | BAD_SENDER       | BAD_SENDER       |
            null path with a route         | FROM:<@r.example:>                   | BAD_SENDER       | BAD_SENDER       |
            # Postmaster is special for RCPT only
            Postmaster as sender           | FROM:<Postmaster>                    | ok:Postmaster    | BAD_SENDER       |
            postmaster@domain as sender    | FROM:<postmaster@b.example>          | ok:postmaster@b.example | ok:postmaster@b.example |
            # blanks and parameters
            one parameter                  | FROM:<a@b.example> SIZE=100          | ok:a@b.example   | ok:a@b.example   | SIZE=100
            two parameters                 | FROM:<a@b.example> SIZE=100 BODY=7BIT | ok:a@b.example  | ok:a@b.example   | SIZE=100 BODY=7BIT
            two spaces before parameter    | FROM:<a@b.example>  SIZE=100         | ok:a@b.example   | MAIL_SYNTAX      | SIZE=100
            two spaces between parameters  | FROM:<a@b.example> SIZE=100  BODY=7BIT | ok:a@b.example | MAIL_SYNTAX      | SIZE=100 BODY=7BIT
            trailing space after parameter | 'FROM:<a@b.example> SIZE=100 '       | ok:a@b.example   | MAIL_SYNTAX      | SIZE=100
            no space before parameter      | FROM:<a@b.example>SIZE=100           | BAD_SENDER       | BAD_SENDER       |
            unbracketed with parameter     | FROM:a@b.example SIZE=100            | ok:a@b.example   | BAD_SENDER       | SIZE=100
            space after colon and params   | FROM: <a@b.example> SIZE=100         | ok:a@b.example   | MAIL_SYNTAX      | SIZE=100
            parameter without a name       | FROM:<a@b.example> =100              | MAIL_SYNTAX      | MAIL_SYNTAX      |
            lone equals sign               | FROM:<a@b.example> =                 | MAIL_SYNTAX      | MAIL_SYNTAX      |
            spaces around equals           | FROM:<a@b.example> SIZE = 100        | BAD_PARAMETER:SIZE | BAD_PARAMETER:SIZE |
            a second address              | FROM:<a@b.example> <c@d.example>      | UNSUPPORTED_PARAMETER:<C@D.EXAMPLE> | UNSUPPORTED_PARAMETER:<C@D.EXAMPLE> |
            """)
    void mail(String name, String argument, String lenient, String strict, String parameters) {
        assertArgument(true, argument == null ? "" : argument, lenient, strict, parameters);
    }

    @ParameterizedTest(name = "{0}: RCPT {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # name                         | argument after "RCPT "               | lenient          | strict           | parameters
            upper-case TO                  | TO:<c@d.example>                     | ok:c@d.example   | ok:c@d.example   |
            lower-case to                  | to:<c@d.example>                     | ok:c@d.example   | ok:c@d.example   |
            mixed-case tO                  | tO:<c@d.example>                     | ok:c@d.example   | ok:c@d.example   |
            space before colon             | TO :<c@d.example>                    | RCPT_SYNTAX      | RCPT_SYNTAX      |
            no colon                       | TO<c@d.example>                      | RCPT_SYNTAX      | RCPT_SYNTAX      |
            FROM given to RCPT             | FROM:<c@d.example>                   | RCPT_SYNTAX      | RCPT_SYNTAX      |
            misspelt T0 with a zero        | T0:<c@d.example>                     | RCPT_SYNTAX      | RCPT_SYNTAX      |
            empty argument                 | ''                                   | RCPT_SYNTAX      | RCPT_SYNTAX      |
            TO: alone                      | TO:                                  | RCPT_SYNTAX      | RCPT_SYNTAX      |
            space after colon              | TO: <c@d.example>                    | ok:c@d.example   | RCPT_SYNTAX      |
            leading space                  | ' TO:<c@d.example>'                  | ok:c@d.example   | RCPT_SYNTAX      |
            # null path is no recipient
            null path                      | TO:<>                                | BAD_RECIPIENT    | BAD_RECIPIENT    |
            null path after a space        | TO: <>                               | BAD_RECIPIENT    | RCPT_SYNTAX      |
            null path with NOTIFY          | TO:<> NOTIFY=NEVER                   | BAD_RECIPIENT    | BAD_RECIPIENT    |
            # Postmaster without a domain (RFC 5321 §4.1.1.3)
            Postmaster                     | TO:<Postmaster>                      | ok:Postmaster    | ok:Postmaster    |
            postmaster lower-case          | TO:<postmaster>                      | ok:postmaster    | ok:postmaster    |
            POSTMASTER upper-case          | TO:<POSTMASTER>                      | ok:POSTMASTER    | ok:POSTMASTER    |
            Postmaster with NOTIFY         | TO:<Postmaster> NOTIFY=NEVER         | ok:Postmaster    | ok:Postmaster    | NOTIFY=NEVER
            Postmaster with a domain       | TO:<Postmaster@d.example>            | ok:Postmaster@d.example | ok:Postmaster@d.example |
            Postmaster after a route       | TO:<@r.example:Postmaster>           | ok:Postmaster    | BAD_RECIPIENT    |
            Postmaster quoted              | TO:<"Postmaster">                    | ok:"Postmaster"  | BAD_RECIPIENT    |
            Postmaster unbracketed         | TO:Postmaster                        | ok:Postmaster    | BAD_RECIPIENT    |
            postmasters                    | TO:<postmasters>                     | ok:postmasters   | BAD_RECIPIENT    |
            postmaste                      | TO:<postmaste>                       | ok:postmaste     | BAD_RECIPIENT    |
            Postmaster with trailing dot   | TO:<Postmaster.>                     | ok:Postmaster.   | BAD_RECIPIENT    |
            # blanks and parameters
            one parameter                  | TO:<c@d.example> NOTIFY=SUCCESS      | ok:c@d.example   | ok:c@d.example   | NOTIFY=SUCCESS
            two spaces before parameter    | TO:<c@d.example>  NOTIFY=SUCCESS     | ok:c@d.example   | RCPT_SYNTAX      | NOTIFY=SUCCESS
            trailing space                 | 'TO:<c@d.example> '                  | ok:c@d.example   | RCPT_SYNTAX      |
            no space before parameter      | TO:<c@d.example>NOTIFY=SUCCESS       | BAD_RECIPIENT    | BAD_RECIPIENT    |
            parameter without a name       | TO:<c@d.example> =SUCCESS            | RCPT_SYNTAX      | RCPT_SYNTAX      |
            """)
    void rcpt(String name, String argument, String lenient, String strict, String parameters) {
        assertArgument(false, argument == null ? "" : argument, lenient, strict, parameters);
    }
}
