package io.autonoma.agents.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.spec.AppSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Prompts in other wordings than the shared examples (bullets, British spelling, colon enums…). */
class OwnPromptsTest {
    private static final OfflineRequirementsAnalyst ANALYST = OfflineRequirementsAnalyst.create();

    static Stream<Arguments> prompts() {
        return Stream.of(
                Arguments.of("bakery", "I need an app to manage my bakery's orders. Each order has a customer name, a pickup date "
                        + "and a total price. Orders can be paid or unpaid.",
                        List.of("Order.customer_name:string", "Order.pickup_date:date", "Order.total_price:decimal[0..]",
                                "Order.paid:boolean", "-Bakery", "-Unpaid")),
                Arguments.of("gym-bullets", "Build a gym app.\n- Members: name, email, membership number\n"
                        + "- Classes with a title, a start time and a capacity\n- Members book classes",
                        List.of("Member.email:email!", "Member.membership_number!", "GymClass.start_time:datetime",
                                "GymClass.capacity:integer[1..]", "Booking->GymClass", "Booking->Member", "-Class")),
                Arguments.of("swatches-british", "A catalogue for our organisation's colour swatches: swatches have a name, "
                        + "a colour code and an optional description; collections have a name and a season (spring, summer, "
                        + "autumn, winter). Each swatch belongs to a collection.",
                        List.of("Swatch.colour_code:string", "Swatch.description:text?", "Collection.season=[spring,summer,autumn,winter]",
                                "Swatch->Collection as collection", "-Organisation")),
                Arguments.of("projects", "Project tracker: projects have a name, a budget and a deadline; tasks belong to a project "
                        + "and have a title, an estimate in hours, a status which can be todo, doing or done and an is_blocked flag.",
                        List.of("Project.budget:decimal", "Project.deadline:date", "Task.estimate:integer",
                                "Task.status=[todo,doing,done]", "Task.is_blocked:boolean", "Task->Project as project")),
                Arguments.of("school", "A school app where teachers record grades for students. Students have a first name, last "
                        + "name and date of birth. Courses have a name and a code. Each grade has a score from 0 to 100 and "
                        + "belongs to a student and a course.",
                        List.of("Grade.score:integer[0..100]", "Student.date_of_birth:date", "Course.code!", "Grade->Student",
                                "Grade->Course", "-Teacher")),
                Arguments.of("music-parens", "Music library: albums (title, release year, genre), artists (name, country, website) "
                        + "and tracks (title, duration in seconds, track number) that belong to an album. Albums belong to an artist.",
                        List.of("Album.release_year:integer", "Artist.website:url", "Track.duration:integer", "Track.track_number",
                                "Track->Album", "Album->Artist")),
                Arguments.of("car-rental", "A car rental service. Cars have a make, a model, a licence plate, a daily rate and a "
                        + "mileage. Customers (name, email, driving licence number) rent cars; each rental has a start date, an "
                        + "end date and a total cost.",
                        List.of("Car.licence_plate!", "Car.daily_rate:decimal", "Customer.email:email!",
                                "Rental.start_date:date", "Rental.end_date:date?", "Rental.total_cost:decimal", "Rental->Car",
                                "Rental->Customer")),
                Arguments.of("wedding-colon-enum", "Create a wedding planner with guests (name, email, RSVP status: invited, "
                        + "attending, declined, dietary requirements) and tables (number, seats).",
                        List.of("Guest.rsvp_status=[invited,attending,declined]", "Guest.dietary_requirements:text",
                                "WeddingTable.seats:integer", "-Table")),
                Arguments.of("helpdesk", "A support desk where customers raise tickets with a subject, a description and a "
                        + "priority: low, medium or high. Agents reply to tickets with a message.",
                        List.of("Ticket.subject:string", "Ticket.priority=[low,medium,high]", "Reply.message:text", "Reply->Ticket",
                                "-Description", "-Priority")),
                Arguments.of("podcast", "A podcast app: shows have a title, a description, a cover image URL and a language; "
                        + "episodes have a title, an audio url, a published date and a duration in minutes. Episodes belong to "
                        + "a show. Listeners can subscribe to shows.",
                        List.of("Show.cover_image_url:url", "Episode.audio_url:url", "Episode.duration:integer",
                                "Episode.published_date:date", "Episode->Show", "Subscription->Show", "-Listener")),
                Arguments.of("tenancy", "Tenants pay rent for apartments. Apartments have an address, a monthly rent and a number "
                        + "of bedrooms. Tenants have a name, a phone and a move-in date.",
                        List.of("Apartment.monthly_rent:decimal", "Apartment.bedrooms:integer", "Tenant.phone:phone",
                                "Tenant.move_in_date:date", "Payment->Apartment", "-Rent")),
                Arguments.of("qa-forum", "A Q&A forum: questions have a title and a body; users post answers to questions; "
                        + "answers can be upvoted. Questions have tags.",
                        List.of("Question.body:text", "Answer.body:text", "Answer->Question", "Question<->Tag")),
                Arguments.of("plants", "Plant watering tracker. Plants have a name, a species, a watering frequency in days and "
                        + "a last watered date. Rooms have a name. Each plant is in a room.",
                        List.of("Plant.watering_frequency:integer", "Plant.last_watered_date:date", "Room.name", "Plant->Room")),
                Arguments.of("volunteers", "Volunteer shifts: volunteers (name, email, phone); shifts have a date, a start time, "
                        + "an end time and a role, one of kitchen, driver or reception; volunteers sign up for shifts.",
                        List.of("Volunteer.email:email", "Shift.date:date", "Shift.start_time:datetime",
                                "Shift.role=[kitchen,driver,reception]", "Registration->Shift", "Registration->Volunteer")),
                Arguments.of("fleet", "Fleet management: vehicles with a registration number, make, model and year; drivers "
                        + "with name and licence number; trips record which driver drove which vehicle, the distance in km "
                        + "and the date.",
                        List.of("Vehicle.registration_number!", "Vehicle.year:integer", "Driver.licence_number!",
                                "Trip.distance:decimal", "Trip.date:date", "Trip->Driver", "Trip->Vehicle")),
                Arguments.of("hotel-link", "A hotel booking system. Rooms have a number, a type (single, double, suite) and "
                        + "a price per night. Guests have a name, an email and a phone number. Reservations link a guest to a "
                        + "room with a check-in date, a check-out date and a number of guests.",
                        List.of("Room.room_type=[single,double,suite]", "Room.price_per_night:decimal", "Guest.email!",
                                "Reservation.check_in_date:date", "Reservation.guests:integer[1..]", "Reservation->Guest",
                                "Reservation->Room")),
                Arguments.of("dog-walking", "Create an app for a dog walking business: dogs have a name, a breed and an owner; "
                        + "owners have a name, an address and a phone; walks have a date, a duration in minutes and a price, "
                        + "and each walk is for one dog.",
                        List.of("Dog.breed", "Dog->Owner as owner", "Walk.duration:integer", "Walk.price:decimal", "Walk->Dog")),
                Arguments.of("meal-planner-dash", "Meal planner \u2014 recipes (name, calories, prep time in minutes), meal plans "
                        + "(week start date) and planned meals that link a recipe to a meal plan with a day (monday, tuesday, "
                        + "wednesday, thursday, friday, saturday, sunday) and a meal type (breakfast, lunch, dinner).",
                        List.of("Recipe.calories:integer", "Recipe.prep_time:integer", "MealPlan.week_start_date:date",
                                "PlannedMeal.meal_type=[breakfast,lunch,dinner]", "PlannedMeal->Recipe", "PlannedMeal->MealPlan")),
                Arguments.of("conference-many", "Conference app: talks have a title, an abstract, a start time and a room; "
                        + "speakers have a name, a bio and a twitter handle; each talk has one or more speakers.",
                        List.of("Talk.abstract:text", "Talk.start_time:datetime", "Speaker.bio:text", "Talk<->Speaker")),
                Arguments.of("finance", "Personal finance: accounts have a name, a type (checking, savings, credit card) and a "
                        + "balance; transactions have a date, an amount, a description and a category and belong to an account.",
                        List.of("Account.account_type=[checking,savings,credit_card]", "Account.balance:decimal",
                                "Transaction.amount:decimal", "Transaction->Account as account")),
                Arguments.of("fuel", "An app to track my car's fuel consumption: refuels with a date, litres, total cost and "
                        + "odometer reading.",
                        List.of("Refuel.date:date", "Refuel.litres:decimal", "Refuel.total_cost:decimal",
                                "Refuel.odometer_reading:decimal")),
                Arguments.of("numbered-list", "I want to build a CRM.\n1. Companies: name, website, employee count\n"
                        + "2. Contacts: first name, last name, email, company\n3. Notes: body, created date",
                        List.of("Company.employee_count:integer", "Contact.email:email!", "Contact->Company as company",
                                "Note.body:text", "Note.created_date:date")),
                Arguments.of("app-should-track", "The app should track students, courses and enrolments. Students have a name "
                        + "and an email. Courses have a title and credits. Enrolments have a grade (A, B, C, D, F) and belong "
                        + "to a student and a course.",
                        List.of("Student.email!", "Course.credits:integer", "Enrolment.grade=[a,b,c,d,f]", "Enrolment->Student",
                                "Enrolment->Course")),
                Arguments.of("kanban-nesting", "Make me a kanban board. Boards have columns; columns have cards; cards have a "
                        + "title, a description, a due date and labels.",
                        List.of("Board.name", "KanbanColumn->Board", "Card->KanbanColumn", "Card<->Label", "Card.due_date:date",
                                "-Column")),
                Arguments.of("it-should-let-me", "It should let me log my runs with the distance, the time, the route and how I "
                        + "felt (great, ok, bad).",
                        List.of("Run.distance:decimal", "Run.route:string")),
                Arguments.of("there-should-be", "There should be customers with a name and loyalty points, and orders with a "
                        + "total and a delivery address. Customers place orders.",
                        List.of("Customer.loyalty_points:integer", "Order.total:decimal", "Order->Customer")),
                Arguments.of("colour-us-mix", "Simple inventory for a hardware store. Items have a name, a SKU (unique), "
                        + "a unit price in dollars, a quantity and a colour. Each item belongs to a category. Categories "
                        + "have a name.",
                        List.of("Item.sku!", "Item.unit_price:decimal[0..]", "Item.quantity:integer", "Item.colour:string",
                                "Item->Category", "Category.name")),
                // compound nouns whose last word is also a field or verb word stay one entity
                Arguments.of("compound-record", "Marina app: boats have a name, a length and a berth number; maintenance "
                        + "records have a date, a mechanic and a cost, and belong to a boat.",
                        List.of("MaintenanceRecord.date:date", "MaintenanceRecord.cost:decimal", "MaintenanceRecord.mechanic",
                                "MaintenanceRecord->Boat as boat", "-Record", "-Maintenance")),
                Arguments.of("compound-list", "Shop back office: price lists have a valid-from date and a currency; products "
                        + "have a name and a barcode.",
                        List.of("PriceList.currency", "PriceList.valid_from_date:date", "Product.barcode", "-List", "-Price")),
                // a plural text noun among singular fields is a field
                Arguments.of("plural-among-fields", "Bike workshop: bikes have a brand and a frame size; repairs have a repair "
                        + "date, a labour cost and remarks.",
                        List.of("Repair.repair_date:date", "Repair.labour_cost:decimal", "Repair.remarks:text", "-Remark")),
                // a trailing "and <things> that <verb> …" is a thing of its own, not a field of the one before
                Arguments.of("trailing-relative", "Climbing gym: climbers have a name and an email, routes have a grade and a "
                        + "colour, and sessions that record when a climber arrived.",
                        List.of("Climber.email:email", "ClimbingRoute.grade", "ClimbingSession", "-Arrival")),
                Arguments.of("count-of", "A ferry booking app: crossings have a departure time and a price; each booking has a "
                        + "number of passengers and belongs to a crossing.",
                        List.of("Booking.passengers:integer", "Booking->Crossing", "Crossing.departure_time:datetime",
                                "-Passenger")),
                // a person a record has is a relation to that person, not a name field
                Arguments.of("has-a-person", "A climbing gym: members book classes and each class has a coach.",
                        List.of("ClimbingClass->Coach as coach", "Booking->ClimbingClass", "-Member")),
                // "others" are people; "at home" is where, not a thing
                Arguments.of("others-at-home", "Family recipe box: I cook at home, each cousin adds recipes and others "
                        + "can rate a recipe.",
                        List.of("Recipe", "-Other", "-Home")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prompts")
    void reads_prompt(String id, String prompt, List<String> expectations) {
        AppSpec spec = ANALYST.analyze(prompt);

        SpecAssertions.check(spec, expectations);
        assertThat(spec.notes()).noneMatch(n -> n.contains("used archetype"));
    }
}
