"""Hand-computed checks of the oracle itself (python3 -m unittest tests/oracle/test_oracle.py)."""

import copy
import os
import sys
import unittest
from fractions import Fraction as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402
from oracle import compute, round_to, largest_remainder, parse_rate, fmt_money  # noqa: E402


def base_rulebook():
    return {
        "schema": "taoquote.rulebook/1", "id": "test", "origin_country": "CN",
        "base_currency": "CNY", "rounding": "half_up", "rate_scale": 12,
        "quote_valid_minutes": 30,
        "fx": {"as_of": "2026-11-25T00:00:00Z", "max_age_hours": 48, "on_stale": "warn",
               "markup": "0.02",
               "rates": {"EUR": "8", "USD": "7", "JPY": "0.05", "GBP": "9", "CHF": "8.5"}},
        "cash_increments": {"CHF": "0.05"},
        "service_fee": {"rate": "0.06", "min": "10.00", "max": "300.00"},
        "warehouse": {"handling_per_unit": "1.00", "consolidation_per_parcel": "5.00",
                      "packaging": {"weight_g": 200, "padding_cm": 2},
                      "inbound_business_days": 2, "weekend": [6, 7], "closures": []},
        "lines": [{
            "id": "exp", "name": "Express", "mode": "courier",
            "volumetric": {"divisor": 5000}, "step_g": 500,
            "pricing": {"kind": "first_continued", "first_g": 500, "first": "100.00",
                        "continued_g": 500, "continued": "30.00"},
            "surcharges": [{"code": "FUEL", "kind": "rate", "rate": "0.10"}],
            "insurance": {"rate": "0.01", "min": "5.00"},
            "restrictions": {"countries": ["DE", "JP", "CH"]},
            "transit_days": {"min": 5, "max": 8}}],
        "destinations": [
            {"country": "DE", "currency": "EUR", "valuation": {"basis": "cif"},
             "duty": {"rates": [{"hs": "", "ad_valorem": "0.12"}]},
             "taxes": [{"id": "de_vat", "code": "VAT", "rate": "0.19",
                        "base": ["customs_value", "duty"]}],
             "checkout": []},
            {"country": "JP", "currency": "JPY", "rounding": "down",
             "valuation": {"basis": "price_rate", "rate": "0.6"},
             "duty": {"rates": [], "default": {"ad_valorem": "0"}, "rounding": "down",
                      "base_quantum": "1000",
                      "quantum": "100",
                      "exemptions": [{"id": "jp_small_duty", "basis": "customs_value",
                                      "max": "10000", "currency": "JPY"}]},
             "taxes": [
                 {"id": "jp_ct_national", "code": "CT_NATIONAL", "rate": "0.078",
                  "base": ["customs_value", "duty"], "rounding": "down",
                  "base_quantum": "1000", "quantum": "100",
                  "exemptions": [{"id": "jp_small_ct", "basis": "customs_value",
                                  "max": "10000", "currency": "JPY"}]},
                 {"id": "jp_ct_local", "code": "CT_LOCAL", "rate": "22/78",
                  "of": "jp_ct_national", "rounding": "down", "quantum": "100",
                  "exemptions": [{"id": "jp_small_ct_local", "basis": "customs_value",
                                  "max": "10000", "currency": "JPY"}]}],
             "checkout": []},
            {"country": "CH", "currency": "CHF", "valuation": {"basis": "fob"},
             "duty": {"rates": [], "default": {"ad_valorem": "0"}}, "taxes": [],
             "checkout": []},
        ],
    }


def base_request(**kw):
    rq = {
        "schema": "taoquote.request/1", "at": "2026-11-25T08:00:00Z",
        "destination": {"country": "DE"},
        "sellers": [{"id": "s1", "platform": "1688", "shipping": "8.00"}],
        "items": [{"id": "i1", "title": "tee", "hs_code": "610910", "quantity": 3,
                   "weight_g": 180, "dimensions_cm": [30, 20, 2],
                   "offers": [{"seller": "s1", "unit_price": "12.50", "moq": 1}]}],
    }
    rq.update(kw)
    return rq


def item(iid, hs, price, qty=1, seller="s1", **kw):
    it = {"id": iid, "title": iid, "hs_code": hs, "quantity": qty, "weight_g": 100,
          "dimensions_cm": [10, 10, 1], "offers": [{"seller": seller, "unit_price": price}]}
    it.update(kw)
    return it


class RoundingTable(unittest.TestCase):
    # quanta:           2.5  -2.5   2.4  -2.4   2.6  -2.6
    TABLE = {
        "half_up":   [3, -3, 2, -2, 3, -3],
        "half_even": [2, -2, 2, -2, 3, -3],
        "up":        [3, -3, 3, -3, 3, -3],
        "down":      [2, -2, 2, -2, 2, -2],
        "ceiling":   [3, -2, 3, -2, 3, -2],
        "floor":     [2, -3, 2, -3, 2, -3],
    }
    XS = [F(5, 2), F(-5, 2), F(12, 5), F(-12, 5), F(13, 5), F(-13, 5)]

    def test_unit_quantum(self):
        for mode, want in self.TABLE.items():
            self.assertEqual([round_to(x, F(1), mode) for x in self.XS], want, mode)

    def test_scaled_quantum(self):
        # same table in quanta of 0.05 (cash rounding): 2.5 quanta = 0.125, etc.
        q = F(1, 20)
        for mode, want in self.TABLE.items():
            self.assertEqual([round_to(x * q, q, mode) for x in self.XS],
                             [w * q for w in want], mode)

    def test_half_even_odd(self):
        self.assertEqual(round_to(F(7, 2), F(1), "half_even"), 4)  # 3.5 → 4
        self.assertEqual(round_to(F(-7, 2), F(1), "half_even"), -4)

    def test_exact_no_change(self):
        for mode in oracle.MODES:
            self.assertEqual(round_to(F(-3), F(1), mode), -3)


class Formatting(unittest.TestCase):
    def test_minor_digits(self):
        self.assertEqual(fmt_money(F(25, 2), "CNY"), "12.50")
        self.assertEqual(fmt_money(F(10000), "JPY"), "10000")
        self.assertEqual(fmt_money(F(1, 1000), "KWD"), "0.001")
        self.assertEqual(fmt_money(F(0), "CLF"), "0.0000")
        self.assertEqual(fmt_money(F(-5, 100), "CHF"), "-0.05")
        self.assertEqual(fmt_money(F(1), "XXX"), "1.00")  # default 2

    def test_rate_parse(self):
        self.assertEqual(parse_rate("22/78"), F(11, 39))
        self.assertEqual(parse_rate("0.19"), F(19, 100))
        self.assertEqual(parse_rate("1.5/0.5"), F(3))


class LargestRemainder(unittest.TestCase):
    def test_equal_thirds_tie_to_earlier(self):
        # 100 units / 3 = 33.33 each; floors 99, one left, all remainders equal → line 0
        self.assertEqual(largest_remainder(100, [1, 1, 1]), [34, 33, 33])

    def test_largest_fraction_wins(self):
        # 7 × [2,3,5]/10 = 1.4, 2.1, 3.5 → floors 1,2,3 (6); 1 left → .5 (line 2)
        self.assertEqual(largest_remainder(7, [2, 3, 5]), [1, 2, 4])

    def test_two_left(self):
        # 10 × [1,1,1]/3 → 3.33 each: floors 9, 1 left → [4,3,3]; 11 → 3.67 each, 2 left
        self.assertEqual(largest_remainder(11, [1, 1, 1]), [4, 4, 3])

    def test_all_zero_weights_equal(self):
        self.assertEqual(largest_remainder(5, [0, 0]), [3, 2])

    def test_zero_weight_gets_nothing(self):
        self.assertEqual(largest_remainder(5, [0, 7]), [0, 5])

    def test_sum_is_exact(self):
        w = [1234, 1, 999, 0, 77]
        self.assertEqual(sum(largest_remainder(100003, w)), 100003)


class OneItemCart(unittest.TestCase):
    """3 × tee at CNY 12.50 from s1 (shipping 8.00) to DE, EUR 1 = CNY 8, markup 2 %.

    goods   = 12.50 × 3 = 37.50; seller_shipping = 8.00
    fee     = 0.06 × 37.50 = 2.25 → clamp min 10.00 → 10.00
    handling= 1.00 × 3 = 3.00; consolidation = 5.00
    parcel  : actual = 180×3 + 200 = 740 g; sides (30,20,2): L=30 W=20 H=2×3=6,
              + 2×2 padding → 34, 24, 10
    vol     = ⌈34×24×10×1000/5000⌉ = ⌈1632⌉ = 1632 g; chargeable = max(740,1632)=1632 → 2000
    freight = 100 + ⌈1500/500⌉×30 = 190.00; FUEL = 0.10×190 = 19.00
    ins     = max(0.01×37.50 = 0.375, 5.00) = 5.00; line total = 214.00
    ETA     : 2026-11-25T08:00Z = 16:00 China, Wed 25 Nov; +2 business days → Fri 27 Nov;
              +5 → 2 Dec, +8 → 5 Dec
    customs (mid 1/8, half_up): g = 37.50/8 = 4.6875 → 4.69; ship 8/8 = 1.00;
              freight (190+19)/8 = 26.125 → 26.13; ins 5/8 = 0.625 → 0.63;
              fees 18/8 = 2.25
    CIF     = 4.69 + 1.00 + 26.13 + 0.63 = 32.45
    duty    = 0.12 × 32.45 = 3.894 → 3.89
    VAT     = 0.19 × (32.45 + 3.89 = 36.34) = 6.9046 → 6.90   (no checkout regime: delivery)
    due     = 3.89 + 6.90 = 10.79 EUR
    charges : CNY→EUR with markup = 1/8 × 1.02 = 0.1275
              GOODS 37.50×.1275 = 4.78125 → 4.78; SELLER_SHIPPING 8×.1275 = 1.02;
              SERVICE_FEE 10×.1275 = 1.275 → 1.28; HANDLING 3×.1275 = .3825 → 0.38;
              CONSOLIDATION 5×.1275 = .6375 → 0.64; FREIGHT 190×.1275 = 24.225 → 24.23;
              FUEL 19×.1275 = 2.4225 → 2.42; INSURANCE 5×.1275 = .6375 → 0.64
    total   = 4.78+1.02+1.28+0.38+0.64+24.23+2.42+0.64 = 35.39
    """

    def setUp(self):
        self.q = compute(base_rulebook(), base_request())
        self.assertNotIn("error", self.q)

    def test_base_figures(self):
        q = self.q
        self.assertEqual(q["items"], [{"id": "i1", "offer": 0, "unit_price": "12.50",
                                       "amount": "37.50", "seller": "s1"}])
        self.assertEqual((q["goods"], q["seller_shipping"], q["service_fee"],
                          q["warehouse_handling"], q["warehouse_consolidation"]),
                         ("37.50", "8.00", "10.00", "3.00", "5.00"))
        self.assertEqual(q["parcel"], {"actual_g": 740, "dimensions_cm": [34, 24, 10]})

    def test_option(self):
        o = self.q["options"][0]
        self.assertEqual(o["volumetric_g"], 1632)
        self.assertEqual(o["chargeable_g"], 2000)
        self.assertEqual(o["freight"], "190.00")
        self.assertEqual(o["surcharges"], [{"code": "FUEL", "amount": "19.00"}])
        self.assertEqual(o["insurance"], "5.00")
        self.assertEqual(o["total"], "214.00")
        self.assertEqual(o["eta"], {"dispatch": "2026-11-27", "earliest": "2026-12-02",
                                    "latest": "2026-12-05"})
        self.assertEqual(self.q["selected"], "exp")

    def test_customs(self):
        c = self.q["customs"]
        self.assertEqual(c["lines"], [{"goods": "4.69", "seller_shipping": "1.00",
                                       "freight": "26.13", "insurance": "0.63",
                                       "fees": "2.25", "customs_value": "32.45",
                                       "duty": "3.89", "item": "i1", "parcel": None}])
        self.assertEqual(c["customs_value"], "32.45")
        self.assertEqual(c["duty"], "3.89")
        self.assertEqual([(t["id"], t["amount"]) for t in c["taxes"]], [("de_vat", "6.90")])
        self.assertEqual(c["collect"], "delivery")
        self.assertEqual(c["fired"], [])

    def test_charges_and_total(self):
        q = self.q
        got = [(c["code"], c["collect"], c["amount"], c["currency"]) for c in q["charges"]]
        self.assertEqual(got, [
            ("GOODS", "checkout", "4.78", "EUR"), ("SELLER_SHIPPING", "checkout", "1.02", "EUR"),
            ("SERVICE_FEE", "checkout", "1.28", "EUR"),
            ("WAREHOUSE_HANDLING", "checkout", "0.38", "EUR"),
            ("WAREHOUSE_CONSOLIDATION", "checkout", "0.64", "EUR"),
            ("FREIGHT", "checkout", "24.23", "EUR"), ("FUEL", "checkout", "2.42", "EUR"),
            ("INSURANCE", "checkout", "0.64", "EUR"),
            ("DUTY", "delivery", "3.89", "EUR"), ("VAT", "delivery", "6.90", "EUR")])
        self.assertEqual(q["total"], "35.39")
        self.assertEqual(q["due_on_delivery"], "10.79")
        self.assertEqual(q["warnings"], [])

    def test_settle_in_base_currency_has_no_markup(self):
        # S = CNY = B: every base charge is the source amount; total = 37.5+8+10+3+5+190+19+5
        q = compute(base_rulebook(), base_request(currency="CNY"))
        self.assertEqual(q["total"], "277.50")
        # duty 3.89 EUR stays in EUR (delivery)
        self.assertEqual(q["due_on_delivery"], "10.79")

    def test_ddp_collects_at_checkout(self):
        rb = base_rulebook()
        rb["lines"][0]["ddp"] = True
        q = compute(rb, base_request())
        self.assertEqual(q["customs"]["collect"], "checkout")
        self.assertEqual(q["customs"]["regime"], "ddp")
        # DUTY 3.89 EUR → EUR: no markup (src = S): 3.89; VAT 6.90 → 35.39 + 10.79 = 46.18
        self.assertEqual(q["total"], "46.18")
        self.assertEqual(q["due_on_delivery"], "0.00")


class JapanExamples(unittest.TestCase):
    """JPY = CNY 0.05 → mid(CNY→JPY) = 20. JP settles `down` to ¥1; value = 60 % of price."""

    def quote(self, unit_price):
        rq = base_request(destination={"country": "JP"},
                          items=[item("i1", "610910", unit_price)])
        return compute(base_rulebook(), rq)

    def test_16667_exempt(self):
        # CNY 833.35 × 20 = ¥16,667; 0.6 × 16,667 = 10,000.2 → down → ¥10,000 ≤ 10,000: exempt
        q = self.quote("833.35")
        c = q["customs"]
        self.assertEqual(c["goods_value"], "16667")
        self.assertEqual(c["customs_value"], "10000")
        self.assertEqual(c["duty"], "0")
        self.assertEqual([t["amount"] for t in c["taxes"]], ["0", "0"])
        self.assertEqual(c["fired"], ["jp_small_duty", "jp_small_ct", "jp_small_ct_local"])
        self.assertFalse(any(ch["code"].startswith("CT") for ch in q["charges"]))

    def test_16669_taxed_on_10000(self):
        # CNY 833.45 × 20 = ¥16,669; 0.6 × 16,669 = 10,001.4 → ¥10,001 > 10,000: taxed
        # national: base 10,001 + duty 0 → truncated to ¥1,000 → 10,000; 7.8 % = 780 → ¥700
        # local: 22/78 × 700 = 197.4… → ¥100
        q = self.quote("833.45")
        c = q["customs"]
        self.assertEqual(c["customs_value"], "10001")
        self.assertEqual(c["fired"], [])
        nat, loc = c["taxes"]
        self.assertEqual(nat["groups"][0]["base"], "10000")
        self.assertEqual(nat["amount"], "700")
        self.assertEqual(loc["amount"], "100")
        self.assertEqual(q["due_on_delivery"], "800")

    def test_local_tax_22_78_of_3900_is_1100(self):
        # CNY 4166.70 × 20 = ¥83,334; 0.6 × 83,334 = 50,000.4 → ¥50,000
        # national 7.8 % × 50,000 = 3,900 (already a multiple of 100)
        # local 22/78 × 3,900 = 85,800/78 = 1,100 exactly → stays 1,100 after truncation
        q = self.quote("4166.70")
        nat, loc = q["customs"]["taxes"]
        self.assertEqual(nat["amount"], "3900")
        self.assertEqual(loc["amount"], "1100")
        self.assertEqual(q["due_on_delivery"], "5000")

    def test_jp_duty_base_quantum(self):
        # duty 10 % with base truncated to ¥1,000 and amount to ¥100:
        # v = 10,001 → base 10,000 → 1,000; tax base 10,001 + 1,000 = 11,001 → 11,000
        # national 858 → 800; local 22/78 × 800 = 225.6 → 200
        rb = base_rulebook()
        rb["destinations"][1]["duty"]["rates"] = [{"hs": "6109", "ad_valorem": "0.10"}]
        rq = base_request(destination={"country": "JP"}, items=[item("i1", "610910", "833.45")])
        c = compute(rb, rq)["customs"]
        self.assertEqual(c["duty"], "1000")
        self.assertEqual([t["amount"] for t in c["taxes"]], ["800", "200"])


class EuPerCategory(unittest.TestCase):
    """From 2026-07-01: €3 per distinct HS-6 subheading in a ≤ €150 consignment (IOSS)."""

    def rulebook(self):
        rb = base_rulebook()
        de = rb["destinations"][0]
        de["duty"] = {
            "rates": [{"hs": "", "ad_valorem": "0.12"}],
            "exemptions": [{"id": "eu_duty_relief_150", "basis": "goods", "max": "150",
                            "currency": "EUR", "valid_to": "2026-07-01T00:00:00Z"}],
            "per_category": [{"id": "eu_flat_3", "basis": "goods", "max": "150",
                              "currency": "EUR", "amount": "3.00", "hs_digits": 6,
                              "valid_from": "2026-07-01T00:00:00Z"}]}
        de["taxes"] = [{"id": "eu_vat", "code": "VAT", "rate": "0.19",
                        "base": ["customs_value", "duty"],
                        "checkout_base": ["goods", "seller_shipping", "freight", "insurance",
                                          "fees", "duty"]}]
        de["checkout"] = [{"id": "eu_ioss_150", "basis": "goods", "max": "150",
                           "currency": "EUR"}]
        return rb

    def request(self, at):
        # 1 silk blouse (6206.10) + 2 wool blouses (6206.20), the wool ones on two lines
        return base_request(at=at, items=[item("silk", "6206100010", "80.00"),
                                          item("wool1", "6206200010", "40.00"),
                                          item("wool2", "6206200090", "40.00")])

    def test_two_categories_six_euro(self):
        q = compute(self.rulebook(), self.request("2026-11-25T08:00:00Z"))
        c = q["customs"]
        self.assertEqual([ln["duty"] for ln in c["lines"]], ["3.00", "3.00", "0.00"])
        self.assertEqual(c["duty"], "6.00")
        self.assertEqual(c["fired"], ["eu_flat_3", "eu_ioss_150"])
        self.assertEqual(c["collect"], "checkout")
        duty = next(ch for ch in q["charges"] if ch["code"] == "DUTY")
        self.assertEqual((duty["amount"], duty["collect"]), ("6.00", "checkout"))
        # goods 80/8 = 10.00, 40/8 = 5.00 ×2 → weights 1000:500:500 (cents)
        # freight (100 + 10 fuel)/8 = 13.75 → 687.5, 343.75, 343.75 → 687+343+343 = 1373,
        #   2 left → largest remainders .75, .75 (lines 1, 2) → 6.87, 3.44, 3.44
        # fees 18/8 = 2.25 → 112.5, 56.25, 56.25 → 1 left → line 0 → 1.13, 0.56, 0.56
        # insurance 5/8 = .625 → 0.63 → 31.5, 15.75, 15.75 → 2 left → 0.31, 0.16, 0.16
        self.assertEqual([(ln["freight"], ln["fees"], ln["insurance"]) for ln in c["lines"]],
                         [("6.87", "1.13", "0.31"), ("3.44", "0.56", "0.16"),
                          ("3.44", "0.56", "0.16")])
        # IOSS fired → checkout_base: goods 20.00 + ship 1.00 + freight 13.75 + ins 0.63
        #   + fees 2.25 + duty 6.00 = 43.63; 0.19 × 43.63 = 8.2897 → 8.29
        self.assertEqual(c["taxes"][0]["groups"][0]["base"], "43.63")
        self.assertEqual(c["taxes"][0]["amount"], "8.29")
        self.assertEqual(q["due_on_delivery"], "0.00")
        # S = D = EUR: DUTY and VAT enter the total without markup
        vat = next(ch for ch in q["charges"] if ch["code"] == "VAT")
        self.assertEqual((vat["amount"], vat["collect"]), ("8.29", "checkout"))

    def test_before_reform_relief(self):
        q = compute(self.rulebook(), self.request("2026-06-30T12:00:00Z"))
        c = q["customs"]
        self.assertEqual(c["duty"], "0.00")
        self.assertEqual(c["fired"], ["eu_duty_relief_150", "eu_ioss_150"])

    def test_above_150_pays_ad_valorem(self):
        rq = self.request("2026-11-25T08:00:00Z")
        rq["items"][0]["offers"][0]["unit_price"] = "2000.00"  # 2080/8 = €260 > €150
        c = compute(self.rulebook(), rq)["customs"]
        self.assertEqual(c["fired"], [])
        self.assertEqual(c["collect"], "delivery")
        self.assertNotEqual(c["duty"], "6.00")


class DutyAndTaxGroups(unittest.TestCase):
    def test_rate_table_modes_specific(self):
        # single tee line, v = 32.45 EUR (see OneItemCart), qty 3
        rb = base_rulebook()
        rb["destinations"][0]["duty"]["rates"] = [
            {"hs": "", "ad_valorem": "0.50"},
            {"hs": "6109", "ad_valorem": "0.12", "specific": "0.3343"},
            {"hs": "610910", "ad_valorem": "0.20", "modes": ["postal"]}]
        # courier: 6109 entry; 0.12 × 32.45 = 3.894 → 3.89; 0.3343 × 3 = 1.0029 → 1.00
        # each term rounded on its own → 4.89 (rounding once would give 4.8969 → 4.90)
        c = compute(rb, base_request())["customs"]
        self.assertEqual(c["duty"], "4.89")
        # VAT 0.19 × (32.45 + 4.89 = 37.34) = 7.0946 → 7.09
        self.assertEqual(c["taxes"][0]["amount"], "7.09")
        rb["lines"][0]["mode"] = "postal"  # 610910 postal entry: 0.20 × 32.45 = 6.49
        self.assertEqual(compute(rb, base_request())["customs"]["duty"], "6.49")

    def test_tax_groups_by_rate(self):
        rb = base_rulebook()
        de = rb["destinations"][0]
        de["duty"] = {"rates": [], "default": {"ad_valorem": "0"}}
        de["valuation"] = {"basis": "fob"}
        de["taxes"] = [{"id": "vat", "code": "VAT", "base": ["goods"],
                        "rates": [{"hs": "", "rate": "0.2"}, {"hs": "4901", "rate": "0"},
                                  {"hs": "6109", "rate": "0.05"},
                                  {"hs": "620620", "rate": "0.20"}]}]
        # goods at CNY/8: 10.04/8 = 1.255 → 1.26; 10.12/8 = 1.265 → 1.27; 8 → 1.00
        rq = base_request(items=[item("tee", "610910", "10.04"), item("silk", "620610", "10.12"),
                                 item("book", "490199", "8.00"), item("wool", "620620", "10.12")])
        t = compute(rb, rq)["customs"]["taxes"][0]
        # groups in order of first line: 0.05 [0]; 0.2 [1, 3] (0.2 = 0.20); 0 [2]
        # 0.05 × 1.26 = 0.063 → 0.06; 0.2 × 2.54 = 0.508 → 0.51; 0 → 0.00; Σ 0.57
        # (per-line rounding would give 0.254 → 0.25 twice = 0.50: the group settles once)
        self.assertEqual([(g["rate"], g["lines"], g["base"], g["amount"]) for g in t["groups"]],
                         [("0.05", [0], "1.26", "0.06"), ("0.2", [1, 3], "2.54", "0.51"),
                          ("0", [2], "1.00", "0.00")])
        self.assertEqual(t["amount"], "0.57")


class Thresholds(unittest.TestCase):
    def test_exact_comparison_third_currency(self):
        # goods ¥ in JPY, threshold in USD: value × rate[JPY] ≤ max × rate[USD]
        # CNY 150 × 20 = ¥3,000 → 3000 × 0.05 = 150 CNY vs 21.428571… USD × 7 = 150 → fires
        rb = base_rulebook()
        jp = rb["destinations"][1]
        jp["valuation"] = {"basis": "fob"}
        jp["duty"]["exemptions"] = [{"id": "t", "basis": "goods", "max": "21.428572",
                                     "currency": "USD"}]
        rq = base_request(destination={"country": "JP"}, items=[item("i1", "610910", "150.00")])
        self.assertEqual(compute(rb, rq)["customs"]["fired"][0], "t")
        jp["duty"]["exemptions"][0]["max"] = "21.428571"  # × 7 = 149.999997 < 150
        self.assertNotIn("t", compute(rb, rq)["customs"]["fired"])
        jp["duty"]["exemptions"][0].update(max="21.428572", strict=True)
        self.assertIn("t", compute(rb, rq)["customs"]["fired"])

    def test_conditions(self):
        rb = base_rulebook()
        th = {"id": "t", "basis": "goods", "max": "1000", "currency": "EUR"}
        rb["destinations"][0]["duty"]["exemptions"] = [th]
        rq = base_request()
        self.assertEqual(compute(rb, rq)["customs"]["fired"], ["t"])
        th["origins"] = ["US", "MX"]
        self.assertEqual(compute(rb, rq)["customs"]["fired"], [])
        th["origins"] = ["CN"]
        th["modes"] = ["postal"]
        self.assertEqual(compute(rb, rq)["customs"]["fired"], [])
        th["modes"] = ["courier"]
        th["unless_attributes"] = ["food"]
        self.assertEqual(compute(rb, rq)["customs"]["fired"], ["t"])
        rq["items"][0]["attributes"] = ["food"]
        self.assertEqual(compute(rb, rq)["customs"]["fired"], [])


class ThresholdList(unittest.TestCase):
    """[A17 resolved] every threshold evaluated is listed with `fired`; each list stops at
    the first that fires; a per-category rule that fires skips the exemptions."""

    def test_lists_evaluated_and_stops_at_first_fired(self):
        rb = base_rulebook()
        de = rb["destinations"][0]
        de["duty"]["exemptions"] = [
            {"id": "low", "basis": "goods", "max": "1.00", "currency": "EUR"},      # no
            {"id": "cond", "basis": "goods", "max": "999", "currency": "EUR",
             "origins": ["US"]},                                                  # n/a
            {"id": "hit", "basis": "goods", "max": "999", "currency": "EUR"},      # fires
            {"id": "after", "basis": "goods", "max": "999", "currency": "EUR"}]    # skipped
        de["checkout"] = [{"id": "co", "basis": "goods", "max": "2.00", "currency": "EUR"}]
        c = compute(rb, base_request())["customs"]
        # goods 37.50 / 8 = 4.69 EUR
        self.assertEqual([(t["id"], t["applies_to"], t["value"], t["fired"])
                          for t in c["thresholds"]],
                         [("low", "duty", "4.69", False), ("hit", "duty", "4.69", True),
                          ("co", "checkout", "4.69", False)])
        self.assertEqual(c["fired"], ["hit"])
        self.assertEqual(c["duty_rule"], {"rule": "exempt", "id": "hit"})

    def test_per_category_skips_exemptions(self):
        rb = base_rulebook()
        de = rb["destinations"][0]
        de["duty"]["per_category"] = [{"id": "pc", "basis": "goods", "max": "150",
                                       "currency": "EUR", "amount": "3.00",
                                       "hs_digits": 6}]
        de["duty"]["exemptions"] = [{"id": "ex", "basis": "goods", "max": "150",
                                     "currency": "EUR"}]
        c = compute(rb, base_request())["customs"]
        self.assertEqual([(t["id"], t["fired"]) for t in c["thresholds"]], [("pc", True)])
        self.assertEqual(c["duty"], "3.00")


class SellerShippingSettled(unittest.TestCase):
    def test_per_seller_settlement(self):
        # [A7 resolved] 4.005 → 4.01 and 3.125 → 3.13 (half_up), each seller on its own
        rq = base_request(
            sellers=[{"id": "s1", "platform": "1688", "shipping": "4.005"},
                     {"id": "s2", "platform": "taobao", "shipping": "3.125"}],
            items=[item("a", "610910", "10.00"), item("b", "610910", "10.00", seller="s2")])
        q = compute(base_rulebook(), rq)
        self.assertEqual(q["sellers"], {"s1": "4.01", "s2": "3.13"})
        self.assertEqual(q["seller_shipping"], "7.14")
        rb = base_rulebook()
        rb["rounding"] = "half_even"
        q = compute(rb, rq)
        self.assertEqual((q["sellers"], q["seller_shipping"]),
                         ({"s1": "4.00", "s2": "3.12"}, "7.12"))


class FxRebase(unittest.TestCase):
    def test_quoted_in_eur(self):
        rb = base_rulebook()
        rb["fx"].update(quoted_in="EUR", rates={"CNY": "8.2", "USD": "1.05", "JPY": "160"})
        r = oracle.build_rates(rb)
        # 8.2/1.05 = 7.8095238095238095… → 12 places half-even: 7.809523809524
        self.assertEqual(r["USD"], F("7.809523809524"))
        self.assertEqual(r["EUR"], F("8.2"))
        self.assertEqual(r["JPY"], F("0.05125"))  # 8.2/160 exact
        rb["rate_scale"] = 6
        self.assertEqual(oracle.build_rates(rb)["USD"], F("7.809524"))


class OfferChoice(unittest.TestCase):
    def test_shared_seller_shipping(self):
        # A: s1 10, s2 9; B: s1 10, s2 12; shipping 5 each
        # (s1,s1) 20+5 = 25; (s1,s2) 22+10; (s2,s1) 19+10 = 29; (s2,s2) 21+5 = 26 → (0,0)
        rq = base_request(
            sellers=[{"id": "s1", "platform": "1688", "shipping": "5.00"},
                     {"id": "s2", "platform": "taobao", "shipping": "5.00"}],
            items=[{**item("a", "610910", "0"), "offers": [
                        {"seller": "s1", "unit_price": "10.00"},
                        {"seller": "s2", "unit_price": "9.00"}]},
                   {**item("b", "610910", "0"), "offers": [
                        {"seller": "s1", "unit_price": "10.00"},
                        {"seller": "s2", "unit_price": "12.00"}]}])
        q = compute(base_rulebook(), rq)
        self.assertEqual([i["offer"] for i in q["items"]], [0, 0])
        self.assertEqual((q["goods"], q["seller_shipping"]), ("20.00", "5.00"))
        # free_over 21 on s2: (s2,s2) = 21 + 0 = 21 < 25
        rq["sellers"][1]["free_over"] = "21.00"
        q = compute(base_rulebook(), rq)
        self.assertEqual([i["offer"] for i in q["items"]], [1, 1])
        self.assertEqual(q["seller_shipping"], "0.00")

    def test_tiers_and_tie(self):
        # qty 10: tier min 10 → 11.20 ×10 = 112.00, offer 1 flat 11.20 → tie → offer 0
        rq = base_request(items=[{**item("a", "610910", "0", qty=10), "offers": [
            {"seller": "s1", "tiers": [{"min_qty": 1, "unit_price": "14.00"},
                                       {"min_qty": 10, "unit_price": "11.20"}]},
            {"seller": "s1", "unit_price": "11.20"}]}])
        q = compute(base_rulebook(), rq)
        self.assertEqual(q["items"][0], {"id": "a", "offer": 0, "unit_price": "11.20",
                                         "amount": "112.00", "seller": "s1"})

    def test_exact_beyond_4096(self):
        # 13 items × 2 offers = 8192 choices (beyond the old 4096 enumeration limit, where a
        # local search used to stop at all-s2 = 117 + 20 = 137, since moving one item to s1
        # costs 10 + 12×9 + 20 + 5 = 143). s1: 10.00/item, ships 5; s2: 9.00/item, ships 20.
        # Exact optimum: all-s1 = 130 + 5 = 135 (any mix pays both shippings: ≥ 143).
        items = [{**item(f"i{k}", "610910", "0"), "offers": [
            {"seller": "s1", "unit_price": "10.00"}, {"seller": "s2", "unit_price": "9.00"}]}
            for k in range(13)]
        rq = base_request(sellers=[{"id": "s1", "platform": "1688", "shipping": "5.00"},
                                   {"id": "s2", "platform": "1688", "shipping": "20.00"}],
                          items=items)
        q = compute(base_rulebook(), rq)
        self.assertEqual({i["offer"] for i in q["items"]}, {0})
        self.assertEqual((q["goods"], q["seller_shipping"]), ("130.00", "5.00"))
        # 12 items: all-s1 = 120 + 5 = 125 < all-s2 = 108 + 20 = 128
        rq["items"] = items[:12]
        q = compute(base_rulebook(), rq)
        self.assertEqual({i["offer"] for i in q["items"]}, {0})

    def test_free_over_and_ties_exact(self):
        # s1 ships 10 below 45.00: offer 1 (45.00, free) beats offer 0 (40.00 + 10 = 50).
        rq = base_request(sellers=[{"id": "s1", "platform": "1688", "shipping": "10.00",
                                    "free_over": "45.00"}],
                          items=[{**item("a", "610910", "0"), "offers": [
                              {"seller": "s1", "unit_price": "40.00"},
                              {"seller": "s1", "unit_price": "45.00"}]}])
        q = compute(base_rulebook(), rq)
        self.assertEqual((q["items"][0]["offer"], q["goods"], q["seller_shipping"]),
                         (1, "45.00", "0.00"))
        # Ties: (0,1) = both at s2 = 25 and (1,0) = both at s1 = 25; (0,1) is smaller.
        sellers = [{"id": "s1", "platform": "1688", "shipping": "5.00"},
                   {"id": "s2", "platform": "1688", "shipping": "5.00"}]
        rq = base_request(sellers=sellers, items=[
            {**item("a", "610910", "0"), "offers": [{"seller": "s2", "unit_price": "10.00"},
                                                   {"seller": "s1", "unit_price": "10.00"}]},
            {**item("b", "610910", "0"), "offers": [{"seller": "s1", "unit_price": "10.00"},
                                                   {"seller": "s2", "unit_price": "10.00"}]}])
        q = compute(base_rulebook(), rq)
        self.assertEqual([i["offer"] for i in q["items"]], [0, 1])
        self.assertEqual(q["seller_shipping"], "5.00")


class Eta(unittest.TestCase):
    def test_weekend_and_closure(self):
        rb = base_rulebook()
        rb["warehouse"]["closures"] = [{"name": "x", "from": "2026-11-30",
                                        "to": "2026-12-01"}]
        # Fri 2026-11-27T20:00Z = Sat 04:00 China → quote date Sat 28 Nov;
        # +2 business days: Sun no, Mon 30 & Tue 1 closed, Wed 2 (1), Thu 3 (2)
        q = compute(rb, base_request(at="2026-11-27T20:00:00Z"))
        self.assertEqual(q["options"][0]["eta"]["dispatch"], "2026-12-03")
        rb["warehouse"]["inbound_business_days"] = 0  # first business day on/after Sat → Wed
        q = compute(rb, base_request(at="2026-11-27T20:00:00Z"))
        self.assertEqual(q["options"][0]["eta"]["dispatch"], "2026-12-02")


class Cash(unittest.TestCase):
    def test_chf_cash_rounding(self):
        # CH, FOB, no duty/tax. CNY→CHF at 1/8.5 × 1.02 = 0.12:
        # GOODS 37.5×.12 = 4.50; SHIP 8×.12 = 0.96; FEE 10×.12 = 1.20; HANDLING 0.36;
        # CONSOL 0.60; FREIGHT 190×.12 = 22.80; FUEL 19×.12 = 2.28; INS 0.60
        # total 33.30 → already a multiple of 0.05 → CASH_ROUNDING 0.00
        rq = base_request(destination={"country": "CH"}, cash_rounding=True)
        q = compute(base_rulebook(), rq)
        self.assertEqual(q["total"], "33.30")
        self.assertEqual(q["charges"][-1]["code"], "CASH_ROUNDING")
        # shipping 8.10 → 0.972 → 0.97: total 33.31 → 33.30 (half_up), rounding −0.01
        rq["sellers"][0]["shipping"] = "8.10"
        q = compute(base_rulebook(), rq)
        self.assertEqual(q["total"], "33.30")
        self.assertEqual(q["charges"][-1]["amount"], "-0.01")
        # EUR has no increment → warning
        q = compute(base_rulebook(), base_request(cash_rounding=True))
        self.assertEqual(q["warnings"], ["CASH_INCREMENT_MISSING"])


class Errors(unittest.TestCase):
    def err(self, rb, rq):
        r = compute(rb, rq)
        self.assertIn("error", r)
        return r["error"]["code"], r["error"]["path"]

    def test_below_moq_and_no_offer(self):
        rq = base_request()
        rq["items"][0]["offers"] = [{"seller": "s1", "unit_price": "1", "moq": 5},
                                    {"seller": "s1", "unit_price": "1", "moq": 4}]
        self.assertEqual(self.err(base_rulebook(), rq), ("BELOW_MOQ", "/items/0/quantity"))
        rq["items"][0]["offers"][1] = {"seller": "s1", "tiers": [{"min_qty": 5,
                                                                  "unit_price": "1"}]}
        self.assertEqual(self.err(base_rulebook(), rq), ("NO_OFFER", "/items/0/offers"))

    def test_lines(self):
        rb = base_rulebook()
        self.assertEqual(self.err(rb, base_request(line="nope")), ("UNKNOWN_LINE", "/line"))
        rb["lines"][0]["restrictions"]["max_weight_g"] = 700
        # Split "never": the one-parcel errors (with splitting allowed, 3 × 180 g can go
        # as parcels under 700 g; see the Split tests).
        self.assertEqual(self.err(rb, base_request(line="exp", split="never")),
                         ("LINE_INELIGIBLE", "/line"))
        r = compute(rb, base_request(split="never"))
        self.assertEqual(r["error"]["code"], "NO_ELIGIBLE_LINE")
        self.assertEqual(r["error"]["detail"], [{"line": "exp", "reason": "OVERWEIGHT"}])

    def test_fx(self):
        rb = base_rulebook()
        rq = base_request(at="2026-11-27T00:00:01Z")  # 48 h + 1 s after as_of
        self.assertEqual(compute(rb, rq)["warnings"], ["FX_STALE"])
        self.assertEqual(compute(rb, base_request(at="2026-11-27T00:00:00Z"))["warnings"], [])
        rb["fx"]["on_stale"] = "error"
        self.assertEqual(self.err(rb, rq)[0], "FX_STALE")
        rb = base_rulebook()
        self.assertEqual(self.err(rb, base_request(currency="KRW")),
                         ("FX_RATE_MISSING", "/currency"))
        self.assertEqual(self.err(rb, base_request(destination={"country": "FR"})),
                         ("UNSUPPORTED_DESTINATION", "/destination/country"))


class Shipping(unittest.TestCase):
    def test_pricing_kinds_and_zones(self):
        rb = base_rulebook()
        line = rb["lines"][0]
        line["surcharges"] = [{"code": "BAT", "kind": "attribute", "attribute": "battery",
                               "amount": "12.00"},
                              {"code": "FIX", "kind": "fixed", "amount": "3.333"}]
        del line["insurance"]
        line["volumetric"] = {"divisor": 8000, "when_side_over_cm": 60}  # side 34: none
        line["step_g"] = 100
        line["pricing"] = {"kind": "per_kg", "per_kg": "45.55", "min": "10.00"}
        # C = 740 → 800 g; 45.55 × 0.8 = 36.44
        q = compute(rb, base_request())
        o = q["options"][0]
        self.assertEqual((o["volumetric_g"], o["chargeable_g"], o["freight"]),
                         (0, 800, "36.44"))
        self.assertEqual(o["surcharges"], [{"code": "FIX", "amount": "3.33"}])
        self.assertIsNone(o["insurance"])
        line["zones"] = [{"countries": ["DE"], "pricing": {"kind": "brackets", "brackets": [
            {"up_to_g": 500, "price": "20"}, {"up_to_g": 1000, "price": "35.5"}]}}]
        rq = base_request()
        rq["items"][0]["attributes"] = ["battery"]
        o = compute(rb, rq)["options"][0]
        self.assertEqual(o["freight"], "35.50")
        self.assertEqual(o["surcharges"], [{"code": "BAT", "amount": "12.00"},
                                           {"code": "FIX", "amount": "3.33"}])
        self.assertEqual(o["total"], "50.83")
        line["zones"][0]["pricing"]["brackets"].pop()
        rq["split"] = "never"
        self.assertEqual(compute(rb, rq)["error"]["detail"],
                         [{"line": "exp", "reason": "OVERWEIGHT"}])


class NoSilentGaps(unittest.TestCase):
    """Issue 12: DDP keeps the import VAT base; a missing rate is an error, not a zero."""

    def test_ddp_keeps_import_base(self):
        rb = base_rulebook()
        rb["lines"][0]["ddp"] = True
        de = rb["destinations"][0]
        de["taxes"][0]["checkout_base"] = ["goods", "seller_shipping", "freight", "fees"]
        c = compute(rb, base_request(line=rb["lines"][0]["id"]))["customs"]
        self.assertEqual((c["collect"], c["regime"]), ("checkout", "ddp"))
        want = F(c["customs_value"]) + F(c["duty"])
        self.assertEqual(F(c["taxes"][0]["groups"][0]["base"]), want)
        self.assertEqual(F(c["taxes"][0]["amount"]), round_to(want * F("0.19"), F(1, 100),
                                                              "half_up"))

    def test_default_duty_rate(self):
        rb = base_rulebook()
        rb["destinations"][0]["duty"] = {"rates": [{"hs": "95", "ad_valorem": "0.5"}],
                                         "default": {"ad_valorem": "0.05"}}
        c = compute(rb, base_request())["customs"]
        self.assertEqual(F(c["duty"]), round_to(F(c["customs_value"]) * F("0.05"), F(1, 100),
                                                "half_up"))

    def test_duty_rate_missing(self):
        rb = base_rulebook()
        rb["destinations"][0]["duty"] = {"rates": [{"hs": "95", "ad_valorem": "0.5"}]}
        self.assertEqual(compute(rb, base_request())["error"],
                         {"code": "DUTY_RATE_MISSING", "path": "/items/0/hs_code",
                          "doc": "request"})
        rb["destinations"][0]["duty"]["rates"].append(
            {"hs": "", "ad_valorem": "0.1", "valid_to": "2026-01-01T00:00:00Z"})
        self.assertEqual(compute(rb, base_request())["error"]["code"], "DUTY_RATE_MISSING")

    def test_tax_rate_missing(self):
        rb = base_rulebook()
        rb["destinations"][0]["taxes"][0] = {"id": "v", "code": "VAT", "base": ["goods"],
                                             "rates": [{"hs": "95", "rate": "0.2"}]}
        self.assertEqual(compute(rb, base_request())["error"],
                         {"code": "TAX_RATE_MISSING", "path": "/items/0/hs_code",
                          "doc": "request"})

    def test_of_tax_not_in_force(self):
        rb = base_rulebook()
        rb["destinations"][1]["taxes"][0]["valid_to"] = "2026-01-01T00:00:00Z"
        rq = base_request(destination={"country": "JP"}, items=[item("i1", "610910", "833.45")])
        self.assertEqual(compute(rb, rq)["error"],
                         {"code": "TAX_RATE_MISSING", "path": "/destinations/1/taxes/1/of",
                          "doc": "rulebook"})


class DeliveryFees(unittest.TestCase):
    """Issue 12: carrier fees on delivery, only when duty or tax is due on delivery."""

    def quote(self, fee, **rq):
        rb = base_rulebook()
        rb["lines"][0]["delivery_fees"] = [fee]
        return compute(rb, base_request(**rq))

    def test_fixed_fee_when_due(self):
        q = self.quote({"code": "HANDLING", "countries": ["DE"], "currency": "EUR",
                        "fixed": "8.00"})
        fee = q["charges"][-1]
        self.assertEqual((fee["code"], fee["collect"], fee["amount"]),
                         ("HANDLING", "delivery", "8.00"))
        self.assertEqual(F(q["due_on_delivery"]),
                         sum(F(c["amount"]) for c in q["charges"] if c["collect"] == "delivery"))

    def test_rate_fee_clamped_to_min_and_max(self):
        base = {"code": "DTP", "countries": ["DE"], "currency": "EUR", "rate": "0.5"}
        q = self.quote(dict(base, min="500.00"))
        self.assertEqual(q["charges"][-1]["amount"], "500.00")
        q = self.quote(dict(base, max="0.10"))
        self.assertEqual(q["charges"][-1]["amount"], "0.10")
        q = self.quote(base)
        due = sum(F(c["amount"]) for c in q["charges"][:-1] if c["collect"] == "delivery")
        self.assertEqual(F(q["charges"][-1]["amount"]), round_to(due / 2, F(1, 100), "half_up"))

    def test_no_fee_for_other_country_or_checkout(self):
        q = self.quote({"code": "X", "countries": ["JP"], "currency": "JPY", "fixed": "200"})
        self.assertNotIn("X", [c["code"] for c in q["charges"]])
        rb = base_rulebook()
        rb["lines"][0]["ddp"] = True
        rb["lines"][0]["delivery_fees"] = [{"code": "X", "countries": ["DE"],
                                            "currency": "EUR", "fixed": "8.00"}]
        q = compute(rb, base_request())
        self.assertNotIn("X", [c["code"] for c in q["charges"]])


class JapanAsItReallyWorks(unittest.TestCase):
    """Issue 12: 60 % of the price plus freight and insurance; HS exclusions from relief."""

    def test_valuation_adds_freight_and_insurance(self):
        rb = base_rulebook()
        jp = rb["destinations"][1]
        rq = base_request(destination={"country": "JP"}, items=[item("i1", "950300", "100.00")])
        plain = compute(rb, rq)["customs"]["lines"][0]
        jp["valuation"]["add"] = ["freight", "insurance"]
        ln = compute(rb, rq)["customs"]["lines"][0]
        self.assertEqual(F(ln["customs_value"]),
                         F(plain["customs_value"]) + F(ln["freight"]) + F(ln["insurance"]))

    def test_unless_hs_keeps_excluded_lines_taxed(self):
        rb = base_rulebook()
        jp = rb["destinations"][1]
        jp["duty"]["rates"] = [{"hs": "", "ad_valorem": "0.10"}]
        for th in [jp["duty"]["exemptions"][0]] + [e for t in jp["taxes"]
                                                    for e in t.get("exemptions", [])]:
            th["unless_hs"] = ["61"]
        rq = base_request(destination={"country": "JP"},
                          items=[item("i1", "610910", "300.00"), item("i2", "950300", "10.00")])
        c = compute(rb, rq)["customs"]
        self.assertEqual(c["duty_rule"]["rule"], "exempt")
        tee, toy = c["lines"]
        # ¥1,000 base quantum, ¥100 duty quantum, truncation: the tee alone pays duty
        self.assertEqual(F(tee["duty"]), round_to(round_to(F(tee["customs_value"]), 1000,
                                                           "down") / 10, 100, "down"))
        self.assertEqual(toy["duty"], "0")
        self.assertEqual(c["taxes"][0]["exempt_by"], "jp_small_ct")
        self.assertEqual(c["taxes"][0]["groups"][0]["lines"], [0])


class PartialQuotes(unittest.TestCase):
    """Issue 12: items that cannot be quoted are left out and listed; strict by default."""

    def test_below_moq_left_out_rest_quoted(self):
        rb = base_rulebook()
        low = item("i1", "950300", "5.00", offers=[{"seller": "s1", "unit_price": "5.00",
                                                    "moq": 10}])
        rq = base_request(items=[low, item("i2", "610910", "50.00")])
        self.assertEqual(compute(rb, rq)["error"]["code"], "BELOW_MOQ")  # strict
        q = compute(rb, dict(rq, partial=True))
        self.assertEqual(q["excluded"], [{"item": "i1", "code": "BELOW_MOQ",
                                          "path": "/items/0/quantity"}])
        self.assertEqual([i["id"] for i in q["items"]], ["i2"])
        alone = compute(rb, base_request(items=[item("i2", "610910", "50.00")]))
        self.assertEqual(q["total"], alone["total"])
        self.assertNotIn("excluded", alone)

    def test_nothing_left_is_the_first_exclusion(self):
        rb = base_rulebook()
        low = item("i1", "950300", "5.00", offers=[{"seller": "s1", "unit_price": "5.00",
                                                    "moq": 10}])
        q = compute(rb, base_request(items=[low], partial=True))
        self.assertEqual(q["error"], {"code": "BELOW_MOQ", "path": "/items/0/quantity",
                                      "doc": "request"})


if __name__ == "__main__":
    unittest.main()


# --------------------------------------------------------------------------- parcel splits

import itertools  # noqa: E402

import split as split_mod  # noqa: E402


def split_rulebook(parcels="together"):
    """A tiny rulebook for hand-checked splits: CNY base, EUR at 10 (no markup), no service
    fee or handling, consolidation CNY 5, no packaging, one postal line of at most 1000 g
    at CNY 10/kg (min 10), DE: FOB, duty 10 % with a goods ≤ EUR 15 exemption, VAT 20 %."""
    return {
        "schema": "taoquote.rulebook/1", "id": "split-test", "origin_country": "CN",
        "base_currency": "CNY", "rounding": "half_up", "rate_scale": 12,
        "quote_valid_minutes": 30,
        "fx": {"as_of": "2026-11-25T00:00:00Z", "max_age_hours": 48, "markup": "0",
               "rates": {"EUR": "10"}},
        "service_fee": {"rate": "0", "min": "0.00", "max": "0.00"},
        "warehouse": {"handling_per_unit": "0.00", "consolidation_per_parcel": "5.00",
                      "inbound_business_days": 0, "weekend": [6, 7], "closures": []},
        "lines": [{"id": "post", "name": "Post", "mode": "postal", "step_g": 1,
                   "pricing": {"kind": "per_kg", "per_kg": "10.00", "min": "10.00"},
                   "restrictions": {"countries": ["DE"], "max_weight_g": 1000},
                   "transit_days": {"min": 5, "max": 9}}],
        "destinations": [{
            "country": "DE", "currency": "EUR", "valuation": {"basis": "fob"},
            "parcels": parcels,
            "duty": {"rates": [{"hs": "", "ad_valorem": "0.10"}],
                     "exemptions": [{"id": "de-min", "basis": "goods", "max": "15.00",
                                     "currency": "EUR"}]},
            "taxes": [{"id": "vat", "code": "VAT", "rate": "0.20",
                       "base": ["customs_value", "duty"]}],
            "checkout": []}],
    }


def split_request(*items, **kw):
    rq = {"schema": "taoquote.request/1", "at": "2026-11-25T08:00:00Z",
          "destination": {"country": "DE"},
          "sellers": [{"id": "s1", "platform": "1688", "shipping": "0.00"}],
          "items": [{"id": i, "title": i, "hs_code": "610910", "quantity": q,
                     "weight_g": w, "dimensions_cm": [10, 10, 1],
                     "offers": [{"seller": "s1", "unit_price": p}]}
                    for i, q, w, p in items]}
    rq.update(kw)
    return rq


def unit_level_splits(qty, k):
    """Every assignment of every single unit to one of k labelled parcels, canonicalised
    independently of split.py: the reference the enumeration is checked against."""
    units = [i for i, q in enumerate(qty) for _ in range(q)]
    out = set()
    for labels in itertools.product(range(k), repeat=len(units)):
        vecs = [[0] * len(qty) for _ in range(k)]
        for u, lab in zip(units, labels):
            vecs[lab][u] += 1
        c = tuple(sorted((tuple(v) for v in vecs if any(v)), reverse=True))
        if len(c) >= 2:
            out.add(c)
    return out


class SplitEnumeration(unittest.TestCase):
    def test_counts(self):
        # one item × 3 units: {2,1}, {1,1,1}
        self.assertEqual(split_mod.enumerate_splits([3], 4), [((2,), (1,)), ((1,), (1,), (1,))])
        # three different single units: S(3,2) + S(3,3) = 3 + 1
        self.assertEqual(len(split_mod.enumerate_splits([1, 1, 1], 4)), 4)
        # (2, 1): {(2,0),(0,1)}, {(1,1),(1,0)}, {(1,0),(1,0),(0,1)}
        self.assertEqual(sorted(split_mod.enumerate_splits([2, 1], 4)),
                         sorted([((2, 0), (0, 1)), ((1, 1), (1, 0)),
                                 ((1, 0), (1, 0), (0, 1))]))
        # (2, 2) in two parcels: {(2,1),(0,1)}, {(2,0),(0,2)}, {(1,2),(1,0)}, {(1,1),(1,1)}
        self.assertEqual(len(split_mod.enumerate_splits([2, 2], 2)), 4)
        # six different units into 2..4 parcels: S(6,2) + S(6,3) + S(6,4) = 31 + 90 + 65
        self.assertEqual(len(split_mod.enumerate_splits([1] * 6, 4)), 186)
        # max_parcels 1: no split at all; one unit: none either
        self.assertEqual(split_mod.enumerate_splits([3, 2], 1), [])
        self.assertEqual(split_mod.enumerate_splits([1], 4), [])

    def test_parcel_order(self):
        for s in split_mod.enumerate_splits([2, 1, 3], 4):
            self.assertEqual(list(s), sorted(s, reverse=True))
            self.assertTrue(all(any(v) for v in s))
            self.assertEqual(tuple(map(sum, zip(*s))), (2, 1, 3))

    def test_against_unit_level_assignment(self):
        for qty, k in (([3], 4), ([1, 1, 1, 1], 3), ([2, 1, 1], 4), ([2, 2], 4),
                       ([1, 2, 1], 2), ([3, 2], 3)):
            got = split_mod.enumerate_splits(qty, k)
            self.assertEqual(len(got), len(set(got)), qty)  # each split once
            self.assertEqual(set(got), unit_level_splits(qty, k), (qty, k))


class SplitQuotes(unittest.TestCase):
    """Hand-computed split quotes on split_rulebook(): two 800 g items of CNY 100 cannot
    go as one 1600 g parcel (the line takes 1000 g), so they go as two parcels of 800 g:
    freight max(8.00, 10.00) = CNY 10.00 = EUR 1.00 each, consolidation CNY 5 = EUR 0.50
    each; goods EUR 10 per parcel, EUR 20 in all."""

    CART = (("a", 1, 800, "100.00"), ("b", 1, 800, "100.00"))

    def test_together(self):
        q = compute(split_rulebook("together"), split_request(*self.CART))
        self.assertNotIn("error", q)
        self.assertIsNone(q["selected"])
        self.assertEqual([[(i["id"], i["quantity"]) for i in p["items"]] for p in q["parcels"]],
                         [[("a", 1)], [("b", 1)]])
        c = q["customs"]
        # one consignment: goods EUR 20 > 15, no exemption; duty 10 % of FOB 10 per line
        self.assertEqual(c["assessment"], "together")
        self.assertEqual(c["thresholds"][0]["fired"], False)
        self.assertIsNone(c["thresholds"][0]["parcel"])
        self.assertEqual(c["duty"], "2.00")
        # VAT 20 % × (20.00 + 2.00) = 4.40, split 2.20 / 2.20 by parcel goods
        self.assertEqual(c["taxes"][0]["amount"], "4.40")
        self.assertEqual([(p["duty"], p["taxes"], p["collect"]) for p in q["parcels"]],
                         [("1.00", [{"code": "VAT", "amount": "2.20"}], "delivery")] * 2)
        self.assertEqual([(p["freight"], p["price"], p["consolidation"]) for p in q["parcels"]],
                         [("10.00", "1.50", "5.00")] * 2)
        self.assertEqual([(ch["code"], ch["amount"], ch["parcel"]) for ch in q["charges"]], [
            ("GOODS", "20.00", None), ("SELLER_SHIPPING", "0.00", None),
            ("SERVICE_FEE", "0.00", None), ("WAREHOUSE_HANDLING", "0.00", None),
            ("WAREHOUSE_CONSOLIDATION", "0.50", 0), ("FREIGHT", "1.00", 0),
            ("DUTY", "1.00", 0), ("VAT", "2.20", 0),
            ("WAREHOUSE_CONSOLIDATION", "0.50", 1), ("FREIGHT", "1.00", 1),
            ("DUTY", "1.00", 1), ("VAT", "2.20", 1)])
        self.assertEqual((q["total"], q["due_on_delivery"], q["landed_total"]),
                         ("23.00", "6.40", "29.40"))

    def test_separately(self):
        q = compute(split_rulebook("separately"), split_request(*self.CART))
        c = q["customs"]
        # each parcel alone: goods EUR 10 ≤ 15, duty exempt; VAT 20 % × 10.00 = 2.00 each
        self.assertEqual(c["assessment"], "separately")
        self.assertEqual([(t["id"], t["fired"], t["parcel"]) for t in c["thresholds"]],
                         [("de-min", True, 0), ("de-min", True, 1)])
        self.assertEqual(c["duty_rule"], {"rule": "parcels", "id": None})
        self.assertEqual((c["duty"], c["taxes"][0]["amount"]), ("0.00", "4.00"))
        self.assertEqual((c["goods_value"], c["customs_value"]), ("20.00", "20.00"))
        self.assertEqual([ln["item"] for ln in c["lines"]], ["a", "b"])
        self.assertEqual((q["total"], q["due_on_delivery"], q["landed_total"]),
                         ("23.00", "4.00", "27.00"))

    def test_never_and_max_parcels(self):
        rb = split_rulebook()
        self.assertEqual(compute(rb, split_request(*self.CART, split="never"))["error"]["code"],
                         "NO_ELIGIBLE_LINE")
        rb["warehouse"]["max_parcels"] = 1
        self.assertEqual(compute(rb, split_request(*self.CART))["error"]["code"],
                         "NO_ELIGIBLE_LINE")
        # named line: every parcel by it; an unknown line is an error whatever split says
        q = compute(split_rulebook(), split_request(*self.CART, line="post"))
        self.assertEqual([p["line"] for p in q["parcels"]], ["post", "post"])
        self.assertEqual(compute(split_rulebook(), split_request(*self.CART, line="x"))
                         ["error"]["code"], "UNKNOWN_LINE")

    def test_goods_allocation_by_units(self):
        # one item, 3 × 400 g at CNY 0.33 → line amount 0.99 over (2, 1): 0.66 / 0.33;
        # two parcels (10 + 10 freight, 2 × 5 consolidation) beat three (3 × 15)
        q = compute(split_rulebook(), split_request(("a", 3, 400, "0.33")))
        self.assertEqual([(p["items"], p["goods"], p["actual_g"]) for p in q["parcels"]],
                         [([{"id": "a", "quantity": 2}], "0.66", 800),
                          ([{"id": "a", "quantity": 1}], "0.33", 400)])
        # 1.00 over (2, 1) by units: exact 0.666… / 0.333… → 67 / 33 minor units
        self.assertEqual(largest_remainder(100, [2, 1]), [67, 33])
        # remainder ties go to the earlier parcel
        self.assertEqual(largest_remainder(100, [1, 1, 1]), [34, 33, 33])

    def test_tie_break_greater_contents(self):
        # a, b, c × 400 g, equal prices: {a,b}{c}, {a,c}{b}, {b,c}{a} tie on landed, total
        # and count; parcel order [(1,1,0),(0,0,1)] is the greatest list, so {a,b}{c}
        q = compute(split_rulebook(), split_request(("a", 1, 400, "10.00"),
                                                    ("b", 1, 400, "10.00"),
                                                    ("c", 1, 400, "10.00")))
        self.assertEqual([[i["id"] for i in p["items"]] for p in q["parcels"]],
                         [["a", "b"], ["c"]])

    def test_when_cheaper(self):
        # 900 g + 100 g fit one parcel (1000 g: freight 10.00 + 5 consolidation); two
        # parcels cost 2 × (10 + 5): when_cheaper keeps one parcel
        rb = split_rulebook()
        cart = (("a", 1, 900, "10.00"), ("b", 1, 100, "10.00"))
        q = compute(rb, split_request(*cart, split="when_cheaper"))
        self.assertNotIn("parcels", q)
        self.assertEqual(q["selected"], "post")
        # with a steep per-kg price above the minimum two parcels are cheaper:
        # one 1000 g parcel = 100.00 + 5; 900 g = 90.00 + 5 and 100 g = 10.00 + 5
        rb["lines"][0]["pricing"] = {"kind": "per_kg", "per_kg": "100.00", "min": "10.00"}
        rb["lines"][0]["surcharges"] = [{"code": "HEAVY", "kind": "fixed", "amount": "1.00"}]
        q1 = compute(rb, split_request(*cart))
        q2 = compute(rb, split_request(*cart, split="when_cheaper"))
        self.assertNotIn("parcels", q1)
        self.assertNotIn("parcels", q2)  # 106 vs 95 + 15 + 2: one parcel still wins
        # brackets (≤ 500 g: 10, ≤ 1000 g: 50): 500 g + 500 g as one parcel = 50 + 5, as
        # two = 2 × (10 + 5). Together: goods EUR 2 ≤ 15, no duty; VAT 20 % × 2.00 = 0.40.
        rb["lines"][0]["surcharges"] = []
        rb["lines"][0]["pricing"] = {"kind": "brackets", "brackets": [
            {"up_to_g": 500, "price": "10.00"}, {"up_to_g": 1000, "price": "50.00"}]}
        cart = (("a", 1, 500, "10.00"), ("b", 1, 500, "10.00"))
        one = compute(rb, split_request(*cart))
        self.assertEqual((one["selected"], one["total"], one["due_on_delivery"]),
                         ("post", "7.50", "0.40"))
        q3 = compute(rb, split_request(*cart, split="when_cheaper"))
        self.assertEqual([p["freight"] for p in q3["parcels"]], ["10.00", "10.00"])
        self.assertEqual((q3["total"], q3["due_on_delivery"], q3["landed_total"]),
                         ("5.00", "0.40", "5.40"))
        self.assertEqual(q3["options"][0]["landed_total"], "7.90")  # still the one parcel
