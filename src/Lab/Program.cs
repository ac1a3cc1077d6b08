Console.WriteLine("Verification Lab");
