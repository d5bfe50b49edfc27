/// `DICT_TEST_POSTGRES_STANDBY_URL` names a server that is not replaying a primary (promoted, or detached by hand):
/// the read-replica tests cannot wait for it to catch up.
package struct StandbyNotInRecovery: Error, CustomStringConvertible {
    package let url: String
    package var description: String {
        "the standby at DICT_TEST_POSTGRES_STANDBY_URL (\(url)) is not in recovery: it was promoted or detached; "
            + "start a fresh one with scripts/postgres.sh standby DIR PRIMARY_DIR"
    }
}
