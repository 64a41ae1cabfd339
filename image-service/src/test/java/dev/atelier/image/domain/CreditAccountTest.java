package dev.atelier.image.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CreditAccountTest {
    private static final Instant MID_MARCH = Instant.parse("2026-03-15T12:00:00Z");

    private static CreditAccount free() {
        return CreditAccount.open(UUID.randomUUID(), "free", 10, MID_MARCH);
    }

    @Test
    void aNewAccountHasTheWholeMonthsCreditsFromTheFirstOfTheMonth() {
        CreditAccount account = free();
        assertEquals(10, account.remaining());
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), account.getPeriodStart());
        assertEquals(Instant.parse("2026-04-01T00:00:00Z"), account.periodEnd());
        CreditChange grant = account.opened();
        assertEquals(UsageKind.GRANT, grant.kind());
        assertEquals(10, grant.amount());
        assertEquals(CreditAccount.FIRST_SEQUENCE, grant.sequence());
    }

    @Test
    void holdChargeAndReleaseKeepRemainingEqualToTotalMinusUsedMinusHeld() {
        CreditAccount account = free();
        CreditChange hold = account.hold(4, MID_MARCH);
        assertEquals(6, hold.remaining());
        assertEquals(4, hold.held());
        assertEquals(1, hold.generations());
        account.charge(3, MID_MARCH);
        CreditChange release = account.release(1, MID_MARCH);
        assertEquals(3, release.used());
        assertEquals(0, release.held());
        assertEquals(7, release.remaining());
    }

    @Test
    void noChangeCanOverdrawTheAccount() {
        CreditAccount account = free();
        assertThrows(IllegalStateException.class, () -> account.hold(11, MID_MARCH));
        account.hold(2, MID_MARCH);
        assertThrows(IllegalStateException.class, () -> account.charge(3, MID_MARCH));
        assertThrows(IllegalStateException.class, () -> account.release(3, MID_MARCH));
        assertEquals(8, account.remaining());
    }

    @Test
    void everyChangeIsStampedAfterThePreviousOneEvenIfTheClockGoesBack() {
        CreditAccount account = free();
        CreditChange first = account.hold(1, MID_MARCH);
        CreditChange second = account.hold(1, MID_MARCH.minusSeconds(5));
        assertTrue(second.at().isAfter(first.at()));
        assertEquals(first.sequence() + 1, second.sequence());
    }

    @Test
    void aNewMonthResetsUsedAndCarriesTheHoldsOver() {
        CreditAccount account = free();
        account.hold(5, MID_MARCH);
        account.charge(3, MID_MARCH);
        assertTrue(account.renew(10, MID_MARCH.plusSeconds(60)).isEmpty());

        CreditChange grant = account.renew(10, Instant.parse("2026-05-02T08:00:00Z")).orElseThrow();
        assertEquals(UsageKind.GRANT, grant.kind());
        assertEquals(Instant.parse("2026-05-01T00:00:00Z"), account.getPeriodStart());
        assertEquals(0, grant.used());
        assertEquals(2, grant.held());
        assertEquals(8, grant.remaining());
    }

    @Test
    void anUpgradeAddsCreditsAtOnceAndADowngradeTakesNoneBack() {
        CreditAccount account = free();
        CreditChange upgrade = account.adoptTier("basic", 200, MID_MARCH).orElseThrow();
        assertEquals(190, upgrade.amount());
        assertEquals(200, upgrade.total());
        CreditChange downgrade = account.adoptTier("free", 10, MID_MARCH).orElseThrow();
        assertEquals(0, downgrade.amount());
        assertEquals(200, downgrade.total());
        assertEquals("free", downgrade.tier());
        assertTrue(account.adoptTier("free", 10, MID_MARCH).isEmpty());
    }

    @Test
    void anAdminsGrantAddsToThisMonthOnlyAndIsCountedInTotal() {
        CreditAccount account = free();
        account.hold(3, MID_MARCH);
        CreditChange grant = account.grant(25, MID_MARCH);
        assertEquals(UsageKind.GRANT, grant.kind());
        assertEquals(25, grant.amount());
        assertEquals(35, grant.total());
        assertEquals(32, grant.remaining());
        assertEquals(25, account.getGranted());
        assertThrows(IllegalArgumentException.class, () -> account.grant(0, MID_MARCH));

        CreditChange april = account.renew(10, Instant.parse("2026-04-01T00:00:00Z")).orElseThrow();
        assertEquals(10, april.total());
        assertEquals(0, account.getGranted());
        assertEquals(7, april.remaining());
    }

    @Test
    void anAdminsTierChangeSetsTheNewTiersCreditsPlusGrantsAndKeepsUsedAndHeld() {
        CreditAccount account = free();
        account.hold(4, MID_MARCH);
        account.charge(2, MID_MARCH);
        account.grant(5, MID_MARCH);
        CreditChange upgrade = account.changeTier("basic", 200, MID_MARCH, MID_MARCH).orElseThrow();
        assertEquals(UsageKind.TIER_CHANGE, upgrade.kind());
        assertEquals("basic", upgrade.tier());
        assertEquals(205, upgrade.total());
        assertEquals(190, upgrade.amount());
        assertEquals(2, upgrade.used());
        assertEquals(2, upgrade.held());
        assertEquals(201, upgrade.remaining());
    }

    @Test
    void aDowngradeBelowWhatIsUsedAndHeldLeavesNothingToSpendButTakesNothingBack() {
        CreditAccount account = CreditAccount.open(UUID.randomUUID(), "premium", 1000, MID_MARCH);
        account.hold(12, MID_MARCH);
        account.charge(8, MID_MARCH);
        CreditChange downgrade = account.changeTier("free", 10, MID_MARCH, MID_MARCH).orElseThrow();
        assertEquals(12, downgrade.total());
        assertEquals(-988, downgrade.amount());
        assertEquals(0, downgrade.remaining());
        assertEquals(8, downgrade.used());
        assertEquals(4, downgrade.held());
    }

    @Test
    void onceAnAdminSetTheTierTokensNamingAnotherNoLongerMoveIt() {
        CreditAccount account = free();
        account.changeTier("basic", 200, MID_MARCH, MID_MARCH);
        assertTrue(account.adoptTier("free", 10, MID_MARCH.plusSeconds(60)).isEmpty());
        assertTrue(account.adoptTier("premium", 1000, MID_MARCH.plusSeconds(60)).isEmpty());
        assertEquals("basic", account.getTier());
        assertEquals(200, account.getTotal());
    }

    @Test
    void aTierChangeOlderThanTheOneAppliedIsStale() {
        CreditAccount account = free();
        account.changeTier("premium", 1000, MID_MARCH.plusSeconds(10), MID_MARCH);
        assertTrue(account.changeTier("basic", 200, MID_MARCH, MID_MARCH).isEmpty());
        assertEquals("premium", account.getTier());
        assertEquals(1000, account.getTotal());
    }

    @Test
    void aDownloadCostsAtMostWhatIsLeftAndAFreeOneIsNotAnnounced() {
        CreditAccount account = free();
        CreditChange free = account.download(0, MID_MARCH);
        assertFalse(free.announced());
        assertEquals(10, free.remaining());
        account.hold(9, MID_MARCH);
        CreditChange paid = account.download(3, MID_MARCH);
        assertTrue(paid.announced());
        assertEquals(1, paid.amount());
        assertEquals(0, paid.remaining());
    }

    @Test
    void aHoldChargesOnlyTheImagesDelivered() {
        CreditHold hold = new CreditHold(UUID.randomUUID(), UUID.randomUUID(), 6, 3, MID_MARCH);
        assertEquals(4, hold.costOf(2));
        assertEquals(6, hold.costOf(5));
        assertEquals(0, hold.costOf(0));
    }
}
