namespace Unbuilt.Search;

/// Porter's (1980) suffix stripper, after his reference C implementation: "invoicing", "invoices" and "invoice"
/// all become "invoic". Stems are index keys, not words; only lower-case ASCII words longer than two letters change.
internal static class PorterStemmer
{
    private static readonly (string Suffix, string With)[] Step2 = LongestFirst(
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
        ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"));

    private static readonly (string Suffix, string With)[] Step3 = LongestFirst(
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""));

    private static readonly (string Suffix, string With)[] Step4 = LongestFirst(
        [.. new[] { "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
            "ate", "iti", "ous", "ive", "ize" }.Select(s => (s, ""))]);

    public static string Stem(string word)
    {
        if (word.Length <= 2 || !word.All(char.IsAsciiLetterLower)) return word;
        var w = new Word(word);
        w.Step1();
        if (w.Length > 1)
        {
            if (w.Ends("y") && w.VowelInStem()) w.SetTo("i");
            w.Replace(Step2, minMeasure: 1);
            w.Replace(Step3, minMeasure: 1);
            w.Replace(Step4, minMeasure: 2);
            w.Step5();
        }
        return w.ToString();
    }

    // Within one step the reference implementation tries the longer of two nested suffixes first and stops at the
    // first that matches, whether or not its condition holds; sorting longest first reproduces that.
    private static (string, string)[] LongestFirst(params (string Suffix, string With)[] rules) =>
        [.. rules.OrderByDescending(r => r.Suffix.Length)];

    private sealed class Word(string word)
    {
        private readonly char[] b = word.ToCharArray();
        private int k = word.Length - 1; // last letter
        private int j; // last letter of the stem once Ends has matched a suffix

        public int Length => k + 1;

        public override string ToString() => new(b, 0, k + 1);

        public bool Ends(string suffix)
        {
            if (suffix.Length > k + 1 || !b.AsSpan(k - suffix.Length + 1, suffix.Length).SequenceEqual(suffix)) return false;
            j = k - suffix.Length;
            return true;
        }

        public void SetTo(string with)
        {
            with.CopyTo(b.AsSpan(j + 1));
            k = j + with.Length;
        }

        public bool VowelInStem()
        {
            for (var i = 0; i <= j; i++) if (!Consonant(i)) return true;
            return false;
        }

        public void Step1()
        {
            if (b[k] == 's')
            {
                if (Ends("sses")) k -= 2;
                else if (Ends("ies")) SetTo("i");
                else if (b[k - 1] != 's') k--;
            }
            if (Ends("eed"))
            {
                if (Measure() > 0) k--;
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                k = j;
                if (Ends("at")) SetTo("ate");
                else if (Ends("bl")) SetTo("ble");
                else if (Ends("iz")) SetTo("ize");
                else if (DoubleConsonant(k))
                {
                    if (b[k] is not ('l' or 's' or 'z')) k--;
                }
                else if (Measure() == 1 && ConsonantVowelConsonant(k)) SetTo("e");
            }
        }

        public void Replace((string Suffix, string With)[] rules, int minMeasure)
        {
            foreach (var (suffix, with) in rules)
            {
                if (!Ends(suffix)) continue;
                if (suffix == "ion" && (j < 0 || b[j] is not ('s' or 't'))) return;
                if (Measure() >= minMeasure) SetTo(with);
                return;
            }
        }

        public void Step5()
        {
            j = k;
            if (b[k] == 'e')
            {
                var m = Measure();
                if (m > 1 || (m == 1 && !ConsonantVowelConsonant(k - 1))) k--;
            }
            if (b[k] == 'l' && DoubleConsonant(k) && Measure() > 1) k--;
        }

        private bool Consonant(int i) => b[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !Consonant(i - 1),
            _ => true,
        };

        // m in [C](VC)^m[V] over b[0..j]: the number of vowel-to-consonant boundaries.
        private int Measure()
        {
            var m = 0;
            for (var i = 1; i <= j; i++) if (Consonant(i) && !Consonant(i - 1)) m++;
            return m;
        }

        private bool DoubleConsonant(int i) => i >= 1 && b[i] == b[i - 1] && Consonant(i);

        private bool ConsonantVowelConsonant(int i) =>
            i >= 2 && Consonant(i) && !Consonant(i - 1) && Consonant(i - 2) && b[i] is not ('w' or 'x' or 'y');
    }
}
