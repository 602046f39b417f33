//! The problems callers ring about, with the words agents write about them.

use std::sync::LazyLock;

use super::Land;

/// Category; impact; urgency; the language of the subjects (`-` for English); subjects;
/// what the caller said; notes; the fix; what is promised.
#[rustfmt::skip]
pub const ISSUES: &str = "\
Network;3;2;-;VPN drops every hour|VPN disconnects every hour when working from home;The VPN drops roughly every hour, Outlook then goes offline.;Client is still on the old VPN profile with an idle timeout.|Asked caller to note the exact times of the drops.|Network team sees re-authentication failures in the gateway log.;Pushed the new VPN profile, caller stayed connected all afternoon.;Call back when the network team has checked the gateway logs
E-mail;3;3;-;Mailbox contacts lost after sync|Contacts gone from phone after Outlook sync;Contacts disappeared from Outlook after setting up the new phone.;Phone was set to sync contacts from the personal account only.|Deleted items still hold the contacts, restore possible for 14 days.;Restored 412 contacts from deleted items and fixed the sync setting.;Call back after the restore has finished
Printing;3;3;-;Printer on floor 2 jams|Printer on floor 2 jams on double-sided jobs;The printer on floor 2 jams on almost every double-sided print.;Remote check: duplex unit reports a paper feed error.|Vendor ticket opened for an engineer visit.;Vendor replaced the duplex roller, test prints are fine.;Let caller know when the engineer is booked
Account;4;2;-;Password reset|Password expired, cannot log in|Password expired over the weekend;Cannot log in, the password expired over the weekend.;Verified identity with the callback number on file.|Account was locked by five attempts from an old phone.;Reset the password and unlocked the account, caller logged in.;Call back when the account lock has cleared
Account;3;2;-;MFA device lost|Phone with authenticator app lost;Lost the phone with the authenticator app, cannot sign in.;Identity verified via the manager, as the procedure requires.|Temporary access pass issued, valid for 8 hours.;Registered the authenticator on the new phone and removed the old device.;Call back to register the new phone together
Hardware;3;2;-;Laptop will not boot|Laptop stuck at manufacturer logo;Laptop does not get past the manufacturer logo.;BitLocker recovery key read out to caller from the directory.|Hardware diagnostics report a failing SSD.;Replacement laptop handed over, data restored from OneDrive.;Call back when the replacement laptop is ready
Software;4;3;-;Teams audio not working|Others cannot hear me in Teams;In Teams meetings others cannot hear the caller, the headset works elsewhere.;Teams picked the docking station as microphone.|Cleared the Teams cache and reinstalled the headset driver.;Set the headset as default device, test call is clear.;Check with caller after tomorrow's team meeting
Software;3;3;-;Licence expired|Adobe Acrobat says licence expired|Visio licence no longer valid;A licence expired message appears when starting the application.;Licence was still assigned to a former employee.|Requested an extra seat from purchasing.;Assigned a free licence, the application starts normally.;E-mail caller when purchasing has approved the licence
Network;1;1;-;Internet down at branch office|No internet at branch office, whole team offline;The branch office has had no internet since this morning, nobody can work.;Router does not answer pings, fault reported to the provider.|Provider reports a cable cut in the street, engineer on the way.|4G backup router enabled as a stopgap.;Provider repaired the line, connection stable again.;Call back with the provider's repair time
Hardware;4;4;-;Second monitor not detected|Docking station does not see the second screen;The second screen stays black on the docking station.;Updated the dock firmware remotely.|Swapped the DisplayPort cable, no change.;New docking station delivered, both screens work.;Call back when the new docking station has arrived
Software;3;3;-;Excel crashes when opening shared workbook|Excel closes when opening team workbook;Excel closes without a message when opening the team workbook.;Crash happens only with the old COM add-in enabled.|Repaired the Office installation, no change.;Disabled the outdated add-in, the workbook opens fine.;Check back after the add-in vendor replies
E-mail;3;3;-;Shared mailbox not visible in Outlook|Team mailbox missing in Outlook;The team mailbox has been missing in Outlook since yesterday.;Permissions were removed during the group clean-up.|Permission restored, waiting for replication.;Mailbox visible again after restarting Outlook.;Call back once replication has finished
E-mail;2;2;-;E-mails to external addresses bounce|Mail to customers bounces;Mail to customers bounces with a spam listing message.;Sending address is on a public block list.|Delisting requested with the block list provider.;Delisting confirmed, test mails arrive.;Let caller know when the delisting is confirmed
Network;3;3;-;Wi-Fi keeps dropping in meeting room|Wi-Fi in meeting room unusable;Wi-Fi in the big meeting room drops every few minutes.;Access point in the meeting room reboots regularly.|Ordered a replacement access point.;Replaced the access point, coverage is good.;Call back when the access point is replaced
Account;4;4;-;New employee needs an account|Account for new colleague starting Monday;Requests access for a new colleague starting Monday.;Manager approval received by e-mail.|Account created, laptop still to be prepared.;Account and access ready, details sent to the manager.;E-mail the login details to the manager
Printing;4;4;-;Cannot scan to e-mail|Scans to e-mail never arrive;Scans from the multifunction printer never arrive in the mailbox.;SMTP password of the scanner expired.|Scan to folder works as a workaround.;Updated the scanner's mail settings, scans arrive again.;Call back after the scanner settings are updated
Hardware;4;3;-;Keyboard keys not responding|Several laptop keys stopped working;Several keys on the laptop keyboard stopped working.;An external keyboard works.|Warranty claim filed with the vendor.;Vendor replaced the keyboard under warranty.;Call back with the vendor's repair date
Software;3;3;-;Windows update stuck|Update stuck at 30 percent;The update has been at 30 percent for two hours.;Cleared the update cache remotely.|Only 2 GB of disk space was free.;Freed up disk space and reran the update, the laptop is current.;Check the update status in the morning
Other;5;4;-;Question about call forwarding|How to forward calls on the desk phone;Asks how to set up call forwarding on the desk phone.;Sent the quick reference card.|Walked through the settings together.;Explained the steps, caller set it up.;E-mail the step-by-step guide
Software;2;2;-;Cannot open the case management system|Case management system shows certificate error;The case management application shows a certificate error at start.;Certificate on the application server expired last night.|Application team is renewing the certificate.;Certificate renewed, the application starts normally.;Call back when the application team has renewed the certificate
Account;4;2;nl;Wachtwoord verlopen|Kan niet inloggen na wachtwoordwijziging;Cannot log in after the password expired.;Verified identity with the callback number on file.|Old password still saved on the phone, locking the account.;Reset the password and removed the old one from the phone.;Call back when the account lock has cleared
Printing;3;3;nl;Printer op de tweede verdieping loopt vast|Papierstoring printer tweede verdieping;The printer on the second floor jams on every job.;Paper tray 2 reports a feed error.|Engineer visit requested from the vendor.;Vendor cleaned the rollers, printing works again.;Let caller know when the engineer is booked
Network;2;2;nl;Geen internet op locatie|Geen netwerk op locatie sinds vanochtend;No network at the location since this morning.;Switch in the patch room lost power.|Facilities asked to check the power group.;Power restored to the switch, all desks online.;Call back when facilities have checked the power
E-mail;3;3;nl;Mail komt niet aan|Mail van leverancier komt niet aan;Mail from a supplier does not arrive.;Supplier's domain was caught by the spam filter.|Message trace shows the mails in quarantine.;Released the mails and allowed the supplier's domain.;Call back after checking the quarantine
Network;3;2;hu;Nem működik a VPN|Folyamatosan megszakad a VPN-kapcsolat;The VPN keeps disconnecting at the Budapest office.;Old client version, update pushed.|Gateway log shows certificate errors.;Client updated and certificate renewed, VPN stable.;Call back when the network team has checked the gateway logs
Account;4;2;hu;Elfelejtett jelszó|Zárolták a fiókomat;Forgot the password after the holiday, account locked.;Identity verified via the manager.|Account unlocked, temporary password sent by SMS.;Password reset, caller logged in.;Call back when the account lock has cleared
Printing;3;3;hu;Nem nyomtat a nyomtató|Nem nyomtat a második emeleti nyomtató;The printer on the second floor does not print.;Print queue stuck on a 300-page job.|Restarted the print spooler.;Cleared the queue, printing works again.;Check with caller that the queue stays clear
Hardware;3;2;hu;Nem indul a laptop|Lefagy a laptop indításkor;The laptop freezes during start-up.;Boots in safe mode, a driver update is the suspect.|Rolled back the graphics driver.;Driver rolled back and update paused, laptop starts normally.;Call back when the replacement laptop is ready";

pub const INBOUND: &str = "Caller rings back, the problem is still there.|Caller asks for an update.|\
    Caller e-mails a screenshot of the error.|Caller reports it happened again this morning.|\
    A colleague of the caller reports the same problem.";
pub const OUTBOUND: &str = "Sent step-by-step instructions by e-mail.|Called to test together, partly \
    working now.|Asked caller for the asset tag of the device.|Left a voicemail, will try again.|\
    E-mailed a status update.";
pub const NOTES: &str = "Remote session: reproduced the problem.|Checked the known errors, nothing \
    similar.|Escalated to second line for investigation.|Two colleagues on the same floor report \
    this too.|Caller works part-time, reachable Monday to Wednesday.";
pub const KEPT: &str = "Called back as agreed, caller is up to date.|Called back, walked through \
    the fix together.|Called back, caller confirms it works for now.";
pub const CANCEL: &str = "Caller solved it themselves.|Caller is on leave, will get in touch when back.|\
    Replaced by an on-site visit.|A colleague already informed the caller.";
pub const CALLBACK: &str = "Caller asked to be called back";
pub const RESCHEDULE: &str = "Vendor needs another day.|Caller asked to call after lunch.|\
    Replacement part delayed.|Caller in meetings all day.";

pub struct Issue {
    pub category: &'static str,
    pub impact: u8,
    pub urgency: u8,
    pub land: Option<Land>,
    pub subjects: &'static str,
    pub call: &'static str,
    pub notes: &'static str,
    pub fix: &'static str,
    pub promise: &'static str,
}

/// Lines of `ISSUES` that do not parse are left out; a test checks that none are.
pub static ISSUE_LIST: LazyLock<Vec<Issue>> = LazyLock::new(|| {
    let level = |s: &str| s.parse().ok().filter(|n| (1..=5).contains(n));
    (ISSUES.lines())
        .filter_map(|line| {
            let f: [&'static str; 9] = line.split(';').collect::<Vec<_>>().try_into().ok()?;
            let land = [("nl", Land::Nl), ("hu", Land::Hu)]
                .into_iter()
                .find(|l| l.0 == f[3]);
            Some(Issue {
                category: f[0],
                impact: level(f[1])?,
                urgency: level(f[2])?,
                land: land.map(|l| l.1),
                subjects: f[4],
                call: f[5],
                notes: f[6],
                fix: f[7],
                promise: f[8],
            })
        })
        .collect()
});
